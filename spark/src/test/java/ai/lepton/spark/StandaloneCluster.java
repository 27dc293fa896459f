package ai.lepton.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on this machine, for tests: one master and some workers, each a
 * JVM started from this test's class path and bound to 127.0.0.1. The workers launch executor
 * JVMs, whose class path comes from a scratch {@code SPARK_HOME/jars} of links to this JVM's
 * jars plus the module's class folders. {@link #close} stops every process it started, the
 * executors included, and deletes the scratch folder.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_SECONDS = 20;

    private final Path home;
    private final List<Process> processes = new ArrayList<>();
    private final int masterPort;
    private final String classFolders;

    /**
     * Starts the master and the workers and waits until the master accepts connections.
     *
     * @param workers the number of workers, each with one core
     * @param workerMemory each worker's memory for executors, e.g. {@code "1g"}
     */
    StandaloneCluster(int workers, String workerMemory) {
        try {
            home = Files.createTempDirectory("lepton-spark-home-");
            Path jars = Files.createDirectories(home.resolve("jars"));
            List<String> folders = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path p = Path.of(entry).toAbsolutePath();
                if (Files.isDirectory(p)) {
                    folders.add(p.toString());
                } else if (p.toString().endsWith(".jar") && Files.exists(p)) {
                    Path link = jars.resolve(p.getFileName());
                    if (!Files.exists(link)) {
                        Files.createSymbolicLink(link, p);
                    }
                }
            }
            classFolders = String.join(File.pathSeparator, folders);
            masterPort = freePort();
            start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    String.valueOf(masterPort), "--webui-port", String.valueOf(freePort()));
            awaitPort(masterPort);
            for (int i = 0; i < workers; i++) {
                start("worker-" + i, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                        "--memory", workerMemory, "--webui-port", String.valueOf(freePort()),
                        "--work-dir", home.resolve("work-" + i).toString(), masterUrl());
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    /** @return the master's URL, {@code spark://127.0.0.1:port} */
    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** @return the module's class folders, for {@code spark.executor.extraClassPath} */
    String classFolders() {
        return classFolders;
    }

    private void start(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("--add-opens") || option.startsWith("-Djdk.reflect")) {
                command.add(option);
            }
        }
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(home.resolve("jars").toString() + File.separator + "*");
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        processes.add(builder.start());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitPort(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                if (s.isConnected()) {
                    return;
                }
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("the Spark master did not listen on port " + port + " within "
                + START_TIMEOUT_SECONDS + " s; see " + home.resolve("master.log"));
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cluster", e);
        }
    }

    /** Stops the workers' executors, the workers and the master, forcibly after a bounded wait. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            children.forEach(ProcessHandle::destroy);
            try {
                if (!p.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
                for (ProcessHandle c : children) {
                    c.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                children.forEach(ProcessHandle::destroyForcibly);
            }
        }
        if (home != null) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** @return the number of processes started and still alive, executors included */
    long alive() {
        return processes.stream().mapToLong(p -> (p.isAlive() ? 1 : 0) + p.descendants().filter(ProcessHandle::isAlive)
                .count()).sum();
    }
}
