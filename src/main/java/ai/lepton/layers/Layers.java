package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.config.Registry;
import java.util.List;
import java.util.function.Function;

/**
 * The layer classes a model file may name, each with the factory that rebuilds it from its
 * {@link Layer#getConfig() config}, as Keras's serialization registry. Lepton's layers are
 * registered under their Keras class names; register a layer class of your own so that models
 * using it save and load.
 *
 * <p>Loading never loads a class named in a file: an unknown name is an error listing the known
 * ones.
 *
 * <pre>{@code
 * Layers.register("my_package>Scale", Scale.class, config -> new Scale(config.getDouble("factor")));
 * model.save(path);                      // Scale layers are written with their config
 * Model again = Model.load(path);        // and rebuilt by the factory
 * }</pre>
 */
public final class Layers {
    private static final Registry<Layer> REGISTRY = new Registry<>("layer");

    static {
        register("InputLayer", InputLayer.class, InputLayer::fromConfig);
        register("Dense", Dense.class, Dense::fromConfig);
        register("Conv1D", Conv1D.class, Conv1D::fromConfig);
        register("Conv2D", Conv2D.class, Conv2D::fromConfig);
        register("Conv1DTranspose", Conv1DTranspose.class, Conv1DTranspose::fromConfig);
        register("Conv2DTranspose", Conv2DTranspose.class, Conv2DTranspose::fromConfig);
        register("DepthwiseConv2D", DepthwiseConv2D.class, DepthwiseConv2D::fromConfig);
        register("SeparableConv1D", SeparableConv1D.class, SeparableConv1D::fromConfig);
        register("SeparableConv2D", SeparableConv2D.class, SeparableConv2D::fromConfig);
        register("MaxPooling1D", MaxPooling1D.class, MaxPooling1D::fromConfig);
        register("MaxPooling2D", MaxPooling2D.class, MaxPooling2D::fromConfig);
        register("AveragePooling1D", AveragePooling1D.class, AveragePooling1D::fromConfig);
        register("AveragePooling2D", AveragePooling2D.class, AveragePooling2D::fromConfig);
        register("GlobalAveragePooling1D", GlobalAveragePooling1D.class, GlobalAveragePooling1D::fromConfig);
        register("GlobalAveragePooling2D", GlobalAveragePooling2D.class, GlobalAveragePooling2D::fromConfig);
        register("GlobalMaxPooling1D", GlobalMaxPooling1D.class, GlobalMaxPooling1D::fromConfig);
        register("GlobalMaxPooling2D", GlobalMaxPooling2D.class, GlobalMaxPooling2D::fromConfig);
        register("Flatten", Flatten.class, Flatten::fromConfig);
        register("Dropout", Dropout.class, Dropout::fromConfig);
        register("Activation", Activation.class, Activation::fromConfig);
        register("Add", Add.class, Add::fromConfig);
        register("Subtract", Subtract.class, Subtract::fromConfig);
        register("Multiply", Multiply.class, Multiply::fromConfig);
        register("Average", Average.class, Average::fromConfig);
        register("Maximum", Maximum.class, Maximum::fromConfig);
        register("Minimum", Minimum.class, Minimum::fromConfig);
        register("Concatenate", Concatenate.class, Concatenate::fromConfig);
        register("Reshape", Reshape.class, Reshape::fromConfig);
        register("Permute", Permute.class, Permute::fromConfig);
        register("RepeatVector", RepeatVector.class, RepeatVector::fromConfig);
        register("ZeroPadding1D", ZeroPadding1D.class, ZeroPadding1D::fromConfig);
        register("ZeroPadding2D", ZeroPadding2D.class, ZeroPadding2D::fromConfig);
        register("Cropping1D", Cropping1D.class, Cropping1D::fromConfig);
        register("Cropping2D", Cropping2D.class, Cropping2D::fromConfig);
        register("UpSampling1D", UpSampling1D.class, UpSampling1D::fromConfig);
        register("UpSampling2D", UpSampling2D.class, UpSampling2D::fromConfig);
        register("Rescaling", Rescaling.class, Rescaling::fromConfig);
        register("Normalization", Normalization.class, Normalization::fromConfig);
        register("Resizing", Resizing.class, Resizing::fromConfig);
        register("CenterCrop", CenterCrop.class, CenterCrop::fromConfig);
        register("RandomFlip", RandomFlip.class, RandomFlip::fromConfig);
        register("RandomRotation", RandomRotation.class, RandomRotation::fromConfig);
        register("RandomZoom", RandomZoom.class, RandomZoom::fromConfig);
        register("RandomTranslation", RandomTranslation.class, RandomTranslation::fromConfig);
        register("RandomCrop", RandomCrop.class, RandomCrop::fromConfig);
        register("RandomContrast", RandomContrast.class, RandomContrast::fromConfig);
        register("RandomBrightness", RandomBrightness.class, RandomBrightness::fromConfig);
        register("Embedding", Embedding.class, Embedding::fromConfig);
        register("Masking", Masking.class, Masking::fromConfig);
        register("SimpleRNN", SimpleRNN.class, SimpleRNN::fromConfig);
        register("LSTM", LSTM.class, LSTM::fromConfig);
        register("GRU", GRU.class, GRU::fromConfig);
        register("Bidirectional", Bidirectional.class, Bidirectional::fromConfig);
        register("TimeDistributed", TimeDistributed.class, TimeDistributed::fromConfig);
        register("MultiHeadAttention", MultiHeadAttention.class, MultiHeadAttention::fromConfig);
        register("TextVectorization", TextVectorization.class, TextVectorization::fromConfig);
        register("StringLookup", StringLookup.class, StringLookup::fromConfig);
        register("IntegerLookup", IntegerLookup.class, IntegerLookup::fromConfig);
        register("BatchNormalization", BatchNormalization.class, BatchNormalization::fromConfig);
        register("LayerNormalization", LayerNormalization.class, LayerNormalization::fromConfig);
        register("GroupNormalization", GroupNormalization.class, GroupNormalization::fromConfig);
        register("UnitNormalization", UnitNormalization.class, UnitNormalization::fromConfig);
        register("ReLU", ReLU.class, ReLU::fromConfig);
        register("LeakyReLU", LeakyReLU.class, LeakyReLU::fromConfig);
        register("PReLU", PReLU.class, PReLU::fromConfig);
        register("ELU", ELU.class, ELU::fromConfig);
        register("Softmax", Softmax.class, Softmax::fromConfig);
        register("SpatialDropout1D", SpatialDropout1D.class, SpatialDropout1D::fromConfig);
        register("SpatialDropout2D", SpatialDropout2D.class, SpatialDropout2D::fromConfig);
        register("GaussianNoise", GaussianNoise.class, GaussianNoise::fromConfig);
        register("GaussianDropout", GaussianDropout.class, GaussianDropout::fromConfig);
        register("AlphaDropout", AlphaDropout.class, AlphaDropout::fromConfig);
        register("ActivityRegularization", ActivityRegularization.class, ActivityRegularization::fromConfig);
    }

    private Layers() {
    }

    /**
     * Registers a layer class under a name, so that a model file can name it.
     *
     * @param name the name written in files (Keras writes custom classes as {@code "package>Name"})
     * @param type the layer class
     * @param factory rebuilds a layer from the config its {@link Layer#getConfig()} gave; the
     *        base settings ({@code name}, {@code trainable}, {@code input_shape}) are applied after it
     * @param <L> the layer class
     */
    public static <L extends Layer> void register(String name, Class<L> type, Function<Config, L> factory) {
        REGISTRY.register(name, type, factory);
    }

    /**
     * Rebuilds a layer from its saved class name and config, with its name, trainable flag and
     * declared input shape.
     *
     * @param className the registered name
     * @param config the settings (read, not kept)
     * @return a new, unbuilt layer
     * @throws ConfigException if the name is unknown, a setting is invalid, or a setting is left unread
     */
    public static Layer fromConfig(String className, Config config) {
        Layer layer;
        try {
            layer = REGISTRY.create(className, config);
            if (config.get("name") != null) {
                layer.name(config.getString("name"));
            }
            if (config.get("input_shape") != null) {
                layer.inputShape(config.getInts("input_shape"));
            }
            // Only a frozen layer is told so: trainable(true) on a model would unfreeze the frozen layers it holds.
            if (!config.getBoolean("trainable", true)) {
                layer.trainable(false);
            }
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(className + " '" + config.getString("name", "?") + "': invalid settings: " + e.getMessage());
        }
        List<String> unread = config.unread();
        if (!unread.isEmpty()) {
            throw new ConfigException(className + " '" + layer.name() + "': unknown settings " + unread);
        }
        return layer;
    }

    /**
     * @param layer a layer
     * @return the name its class is registered under
     * @throws IllegalArgumentException if its class is not registered
     */
    public static String nameOf(Layer layer) {
        return REGISTRY.nameOf(layer);
    }

    /** @return the registered names, sorted */
    public static List<String> names() {
        return REGISTRY.names();
    }
}
