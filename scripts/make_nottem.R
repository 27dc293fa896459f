# Writes data/nottem.csv: R's datasets::nottem, the average monthly air temperature at Nottingham
# Castle in degrees Fahrenheit, January 1920 to December 1939 (240 months), from Anderson, O. D.
# (1976) Time Series Analysis and Forecasting: The Box-Jenkins Approach. R's datasets package is
# part of R (GPL-2 | GPL-3); the measurements themselves are facts.
# Run: Rscript scripts/make_nottem.R (Debian: apt-get install r-base-core)
years <- floor(time(nottem))
months <- cycle(nottem)
out <- data.frame(year = as.integer(years), month = as.integer(months), temperature = as.numeric(nottem))
write.csv(out, "data/nottem.csv", row.names = FALSE, quote = FALSE)
