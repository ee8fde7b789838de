#!/usr/bin/env python3
"""The numpy reference for mlib's sentence-encoder speed: the same BERT forward
pass (float32, batched, mean pooling, L2 normalisation) in numpy with its own
OpenBLAS, timed on the same sentences as `mlib-bench embed`.

Usage: bench/embed_reference.py MODEL_DIR --tokens 16|128 [--batch 32] [--batches 8]
Prints one JSON line: {"tokens": T, "batch": B, "sentences": N, "sentences_per_s": R}.

Inputs are token ids, not text, so tokenizers do not enter the comparison: every
sentence is [CLS] + T-2 ids drawn from the vocabulary by a fixed LCG + [SEP], the
same ids mlib-bench builds.
"""
import argparse, json, math, time
import numpy as np
from safetensors.numpy import load_file


def ids_for(count, tokens, vocab, seed=12345):
    state = seed
    rows = []
    for _ in range(count):
        row = [101]
        for _ in range(tokens - 2):
            state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
            row.append(1000 + (state >> 33) % (vocab - 1000))
        row.append(102)
        rows.append(row)
    return np.array(rows, dtype=np.int64)


class Bert:
    def __init__(self, folder):
        config = json.load(open(f"{folder}/config.json"))
        self.h = config["hidden_size"]
        self.heads = config["num_attention_heads"]
        self.layers = config["num_hidden_layers"]
        self.eps = config["layer_norm_eps"]
        w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in load_file(f"{folder}/model.safetensors").items()
             if v.dtype != np.int64}
        self.w = w
        # Transposed weights stored contiguous, as a careful numpy user would.
        self.wt = {k.removesuffix(".weight"): np.ascontiguousarray(v.T) for k, v in w.items()
                   if k.endswith(".weight") and v.ndim == 2 and "embeddings" not in k}
        self.vocab = config["vocab_size"]

    def norm(self, x, name):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def linear(self, x, name):
        # As one 2-D product, so numpy hands it to BLAS whole.
        flat = x.reshape(-1, x.shape[-1])
        out = flat @ self.wt[name] + self.w[name + ".bias"]
        return out.reshape(*x.shape[:-1], out.shape[-1])

    def encode(self, ids):
        b, s = ids.shape
        w = self.w
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:s] \
            + w["embeddings.token_type_embeddings.weight"][0]
        x = self.norm(x, "embeddings.LayerNorm")
        d = self.h // self.heads
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            q = self.linear(x, p + "attention.self.query").reshape(b, s, self.heads, d).transpose(0, 2, 1, 3)
            k = self.linear(x, p + "attention.self.key").reshape(b, s, self.heads, d).transpose(0, 2, 3, 1)
            v = self.linear(x, p + "attention.self.value").reshape(b, s, self.heads, d).transpose(0, 2, 1, 3)
            scores = (q @ k) / np.float32(math.sqrt(d))
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(b, s, self.h)
            x = self.norm(self.linear(context, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
            inner = self.linear(x, p + "intermediate.dense")
            inner = 0.5 * inner * (1 + np.tanh(np.float32(math.sqrt(2 / math.pi)) * (inner + np.float32(0.044715) * inner ** 3)))
            x = self.norm(self.linear(inner, p + "output.dense") + x, p + "output.LayerNorm")
        pooled = x.mean(1)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--tokens", type=int, default=16)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--batches", type=int, default=8)
    args = parser.parse_args()
    bert = Bert(args.model)
    ids = ids_for(args.batch * args.batches, args.tokens, bert.vocab)
    bert.encode(ids[: args.batch])  # warm-up
    start = time.perf_counter()
    for i in range(args.batches):
        bert.encode(ids[i * args.batch:(i + 1) * args.batch])
    elapsed = time.perf_counter() - start
    count = args.batch * args.batches
    print(json.dumps({"tokens": args.tokens, "batch": args.batch, "sentences": count,
                      "sentences_per_s": round(count / elapsed, 1)}))


if __name__ == "__main__":
    main()
