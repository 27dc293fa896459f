# Writes data/eustockmarkets.csv: R's datasets::EuStockMarkets, the daily closing prices of four
# European stock indices from 1991 to 1998 (1860 business days): Germany's DAX (Ibis), Switzerland's
# SMI, France's CAC and the UK's FTSE. The data were provided by Erste Bank AG, Vienna. R's datasets
# package is part of R (GPL-2 | GPL-3); the closing prices themselves are facts.
# Run: Rscript scripts/make_eustockmarkets.R (Debian: apt-get install r-base-core)
out <- data.frame(day = seq_len(nrow(EuStockMarkets)), EuStockMarkets)
write.csv(out, "data/eustockmarkets.csv", row.names = FALSE, quote = FALSE)
