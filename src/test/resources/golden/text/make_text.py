#!/usr/bin/env python3
"""Expected outputs of TextVectorization, StringLookup and IntegerLookup, in pure Python, written
from Keras 3's semantics (keras/src/layers/preprocessing/text_vectorization.py, index_lookup.py):

- standardize: lower = tf.strings.lower (ASCII letters only); strip_punctuation removes the
  characters of r'[!"#$%&()\\*\\+,-\\./:;<=>?@\\[\\\\\\]^_`{|}~\\']' (ASCII punctuation).
- split "whitespace" = tf.strings.split: runs of ASCII whitespace, no empty tokens.
- ngrams (widths w1, w2, ...): for each width in order, every run of that many tokens joined by " ".
- adapt: count tokens (the mask "" and "[UNK]" excluded), sort as np.lexsort((tokens, counts))[::-1]
  (count descending, ties by the token's UTF-8 bytes descending), keep max_tokens minus the
  special entries; int mode's vocabulary is ["", "[UNK]", terms...], the others' ["[UNK]", terms...].
- tf_idf: idf = log(1 + documents / (1 + documents containing the term)); [UNK]'s is the mean.
- int output: ids padded with 0 / truncated to output_sequence_length (else the longest text).
Writes text.json beside this script. Run: /usr/bin/python3 make_text.py
"""
import json
import math
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
PUNCT = re.compile(r'[!"#$%&()\*\+,-\./:;<=>?@\[\\\]^_`{|}~\']')
WS = re.compile(r"[ \t\n\r\x0b\x0c]+")


def lower_ascii(s):
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in s)


def tokens(text, standardize="lower_and_strip_punctuation", ngrams=None):
    if standardize in ("lower", "lower_and_strip_punctuation"):
        text = lower_ascii(text)
    if standardize in ("strip_punctuation", "lower_and_strip_punctuation"):
        text = PUNCT.sub("", text)
    toks = [t for t in WS.split(text) if t]
    if ngrams is None:
        return toks
    widths = list(range(1, ngrams + 1)) if isinstance(ngrams, int) else ngrams
    out = []
    for w in widths:
        out += [" ".join(toks[i:i + w]) for i in range(len(toks) - w + 1)]
    return out


def adapt(docs, special, max_tokens=None, mask="", oov="[UNK]"):
    counts, dfs = {}, {}
    for d in docs:
        for t in d:
            counts[t] = counts.get(t, 0) + 1
        for t in set(d):
            dfs[t] = dfs.get(t, 0) + 1
    counts.pop(mask, None)
    counts.pop(oov, None)
    terms = sorted(counts, key=lambda t: (counts[t], t.encode("utf-8") if isinstance(t, str) else t), reverse=True)
    if max_tokens:
        terms = terms[:max_tokens - len(special)]
    idf = [math.log(1 + len(docs) / (1 + dfs[t])) for t in terms]
    return special + terms, idf


TEXTS = [
    "The cat sat on the mat.",
    "The dog ATE my homework!!",
    "A cat, a dog; a bird?",
    "Cats and dogs: friends?  Not   always...",
    "Über café: naïve RÉSUMÉ, the end",
]
QUERIES = ["the cat ate a bird", "Unknown words here, the END.", "", "dog dog dog cat"]


def vectorize(mode, max_tokens=None, seq_len=None, ngrams=None, standardize="lower_and_strip_punctuation"):
    docs = [tokens(t, standardize, ngrams) for t in TEXTS]
    special = ["", "[UNK]"] if mode == "int" else ["[UNK]"]
    vocab, idf = adapt(docs, special, max_tokens)
    index = {t: i for i, t in enumerate(vocab) if i >= len(special)}
    unk = special.index("[UNK]")
    rows = [[index.get(t, unk) for t in tokens(q, standardize, ngrams)] for q in QUERIES]
    if mode == "int":
        length = seq_len if seq_len else max(len(r) for r in rows)
        out = [(r + [0] * length)[:length] for r in rows]
    else:
        weights = [sum(idf) / len(idf)] + idf
        out = []
        for r in rows:
            v = [0.0] * len(vocab)
            for i in r:
                v[i] = 1.0 if mode == "multi_hot" else v[i] + 1.0
            if mode == "tf_idf":
                v = [c * w for c, w in zip(v, weights)]
            out.append(v)
    config = {"output_mode": mode, "max_tokens": max_tokens, "output_sequence_length": seq_len, "ngrams": ngrams,
              "standardize": standardize}
    case = {"config": config, "vocabulary": vocab, "output": out}
    if mode == "tf_idf":
        case["idf_weights"] = [sum(idf) / len(idf)] + idf
    return case


cases = [
    vectorize("int"),
    vectorize("int", max_tokens=8, seq_len=4),
    vectorize("int", seq_len=12, ngrams=2),
    vectorize("int", standardize="lower"),
    vectorize("int", standardize=None, seq_len=3),
    vectorize("multi_hot", max_tokens=10),
    vectorize("count"),
    vectorize("tf_idf", max_tokens=12, ngrams=2),
]

string_vocab, _ = adapt([[t] for t in ["b", "a", "c", "a", "b", "d", "a", "[UNK]", "é", "é"]], ["[UNK]"])
int_vocab, _ = adapt([[v] for v in [7, 3, 7, 12, 3, 3, 5, -1, 12, 40]], [-1], mask=None, oov=-1)
lookups = {"string_vocabulary": string_vocab, "integer_vocabulary": int_vocab}
with open(os.path.join(HERE, "text.json"), "w", encoding="utf-8") as f:
    json.dump({"generator": "make_text.py", "texts": TEXTS, "queries": QUERIES, "cases": cases, "lookups": lookups}, f,
              ensure_ascii=False)
