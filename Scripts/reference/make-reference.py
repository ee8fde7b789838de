#!/usr/bin/env python3
"""Reference token ids and sentence embeddings for mlib's inference tests.

Writes Tests/Fixtures/models/minilm-reference.json:

    {"model": "all-MiniLM-L6-v2", "max_length": 256,
     "sentences": [{"text": ..., "ids": [101, ..., 102], "embedding": [384 floats]}]}

Token ids come from Hugging Face `tokenizers` reading the model's tokenizer.json,
so they are the tokenizer the model was published with, not ours. Embeddings come
from a BERT forward pass written here in numpy (float64), followed by the
sentence-transformers head of all-MiniLM-L6-v2: mean pooling over the attention
mask, then L2 normalisation. Nothing here shares code with the Swift engine.

Usage: python3 Scripts/reference/make-reference.py [MODEL_DIR] [--out FILE]
Needs: pip install numpy safetensors tokenizers
"""

import argparse
import json
import math
import os
import sys

try:
    import numpy as np
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer
except ImportError as error:
    sys.exit(f"make-reference.py: {error.name} is missing; run: python3 -m pip install numpy safetensors tokenizers")

MAX_LENGTH = 256

LONG_PASSAGE = " ".join(
    [
        "The old lighthouse keeper climbed the spiral stairs every evening at dusk,",
        "carrying a brass lantern, a notebook and a thermos of strong black tea.",
        "From the gallery he watched the fishing boats return to the harbour,",
        "counted the gulls that circled the breakwater, and wrote down the colour",
        "of the sky, the direction of the wind and the height of the swell.",
        "His notebooks filled three shelves in the cottage below: forty years of",
        "weather, tides, shipwrecks narrowly avoided, storms that tore slates from",
        "the roof, and quiet summer nights when the sea lay flat as polished glass.",
        "Visitors sometimes asked whether he was lonely out there on the headland.",
        "He would laugh and point at the horizon, where the container ships crawled",
        "past like slow beetles, and at the seals that hauled themselves onto the",
        "rocks at low water to sleep in the sun. Loneliness, he said, is for people",
        "who have stopped paying attention. When the automatic beacon was installed",
        "the authority offered him a pension and a flat in town, near the market",
        "and the library and the doctor. He refused politely, then less politely,",
        "and in the end they let him stay on as caretaker, which suited everyone.",
        "He repainted the iron railings each spring, oiled the hinges of the great",
        "door, swept the sand from the steps after every gale and taught the",
        "village children to read the clouds. Cirrus means change, he told them,",
        "and a ring around the moon means rain within three days. Most of them",
        "forgot, but one girl remembered everything, kept her own notebook, and",
        "years later became a meteorologist at the national weather service, where",
        "she still begins each forecast by looking out of the window before she",
        "looks at the models. On the wall of her office hangs a faded photograph",
        "of the lighthouse, its beam sweeping across a dark and restless sea, and",
        "beneath it, in careful handwriting, the words: pay attention to the sky.",
        "Nobody who visits her office understands the photograph at first, and",
        "she rarely explains it, because the story belongs to a man who never",
        "wanted to be famous and who measured his life in tides rather than years.",
    ]
)

SENTENCES = [
    "A family walks along the beach at sunset.",
    "Crème brûlée à Noël, s'il vous plaît!",
    "Wait... what?! (Really?) Yes -- no; maybe: [ok] {fine} <done> #tag @user $5 %20 ^_^ ~~",
    LONG_PASSAGE,
    "我们去了夏日海滩",
    "東京の桜はとても美しいです。",
    "Birthday party 🎉🎂 with friends 😀 at the café ☕",
    "On 2024-03-15 at 14:30 we paid $1,234.56 for 3 tickets (No. 42).",
    "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG",
    "Visit https://example.com/path?q=1&lang=en or mail jane.doe@example.org",
    "serendipity",
    "   \t leading and trailing whitespace \n  ",
    "It's the children's toys, isn't it? Don't worry.",
    "A state-of-the-art, well-known, two-year-old self-driving car.",
    "Die Größe der Brücke über den Fluss ist überwältigend.",
    "Москва — столица России, а Санкт-Петербург стоит на Неве.",
    "Seaside holiday photos from grandma's summer cottage",
    "antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis",
    "Ελληνικά και español: ¿Dónde está la estación? Ça va très bien.",
    "Mixed CaSe WiTh tabs\tand\u00a0non-breaking\u2003spaces",
]


class Bert:
    """BERT encoder in float64 numpy, from a BertModel safetensors file and config.json."""

    def __init__(self, folder):
        with open(os.path.join(folder, "config.json")) as handle:
            config = json.load(handle)
        if config.get("hidden_act", "gelu") != "gelu":
            sys.exit(f"make-reference.py: hidden_act {config['hidden_act']} is not implemented here")
        self.layers = config["num_hidden_layers"]
        self.heads = config["num_attention_heads"]
        self.hidden = config["hidden_size"]
        self.eps = config.get("layer_norm_eps", 1e-12)
        raw = load_file(os.path.join(folder, "model.safetensors"))
        # Some exports prefix every name with "bert."; strip it so one naming works.
        self.w = {name.removeprefix("bert."): value.astype(np.float64) for name, value in raw.items()}

    def layer_norm(self, x, prefix):
        mean = x.mean(axis=-1, keepdims=True)
        var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * self.w[prefix + ".weight"] + self.w[prefix + ".bias"]

    def linear(self, x, prefix):
        return x @ self.w[prefix + ".weight"].T + self.w[prefix + ".bias"]

    @staticmethod
    def gelu(x):
        erf = np.frompyfunc(math.erf, 1, 1)
        return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)).astype(np.float64))

    def forward(self, ids, mask):
        """Last-layer hidden states of one sequence; `mask` is 1.0 for real tokens, 0.0 for padding."""
        n = len(ids)
        x = (
            self.w["embeddings.word_embeddings.weight"][ids]
            + self.w["embeddings.position_embeddings.weight"][:n]
            + self.w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self.layer_norm(x, "embeddings.LayerNorm")
        head = self.hidden // self.heads
        bias = (1.0 - mask) * -1e9
        for index in range(self.layers):
            p = f"encoder.layer.{index}."
            q = self.linear(x, p + "attention.self.query").reshape(n, self.heads, head).transpose(1, 0, 2)
            k = self.linear(x, p + "attention.self.key").reshape(n, self.heads, head).transpose(1, 0, 2)
            v = self.linear(x, p + "attention.self.value").reshape(n, self.heads, head).transpose(1, 0, 2)
            scores = q @ k.transpose(0, 2, 1) / math.sqrt(head) + bias
            scores -= scores.max(axis=-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=-1, keepdims=True)
            context = (probs @ v).transpose(1, 0, 2).reshape(n, self.hidden)
            x = self.layer_norm(x + self.linear(context, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            inner = self.gelu(self.linear(x, p + "intermediate.dense"))
            x = self.layer_norm(x + self.linear(inner, p + "output.dense"), p + "output.LayerNorm")
        return x

    def embed(self, ids, length=None):
        """Mean pooling over the real tokens, then L2 normalise; pads to `length` when given."""
        n = len(ids)
        length = length or n
        padded = np.asarray(list(ids) + [0] * (length - n))
        mask = np.array([1.0] * n + [0.0] * (length - n))
        hidden = self.forward(padded, mask)
        pooled = (hidden * mask[:, None]).sum(axis=0) / mask.sum()
        return pooled / max(np.linalg.norm(pooled), 1e-12)


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", nargs="?", default=os.path.join(root, "models", "all-MiniLM-L6-v2"))
    parser.add_argument("--out", default=os.path.join(root, "Tests", "Fixtures", "models", "minilm-reference.json"))
    args = parser.parse_args()

    tokenizer_file = os.path.join(args.model, "tokenizer.json")
    if not os.path.exists(tokenizer_file):
        sys.exit(f"make-reference.py: {tokenizer_file} not found; run: make model")
    tokenizer = Tokenizer.from_file(tokenizer_file)
    # tokenizer.json ships with truncation 128 and fixed padding; the model's
    # max_seq_length (sentence_bert_config.json) is 256 and we want unpadded ids.
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_LENGTH)

    bert = Bert(args.model)
    sentences = []
    for text in SENTENCES:
        ids = tokenizer.encode(text).ids
        embedding = bert.embed(ids)
        sentences.append({"text": text, "ids": ids, "embedding": embedding})

    # Cross-checks: the forward pass is deterministic, and the masked, padded path
    # agrees with the unpadded one, so the reference itself is sound.
    again = bert.embed(sentences[0]["ids"])
    assert np.array_equal(again, sentences[0]["embedding"]), "numpy forward pass is not deterministic"
    for s in sentences[:3]:
        padded = bert.embed(s["ids"], length=len(s["ids"]) + 17)
        assert np.abs(s["embedding"] - padded).max() < 1e-9, "padding changes the embedding"
    assert len(sentences[3]["ids"]) == MAX_LENGTH and sentences[3]["ids"][-1] == 102, "long passage did not truncate"

    document = {
        "model": "all-MiniLM-L6-v2",
        "max_length": MAX_LENGTH,
        "sentences": [
            {"text": s["text"], "ids": s["ids"], "embedding": [round(float(v), 7) for v in s["embedding"]]}
            for s in sentences
        ],
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False, separators=(",", ":"))
        handle.write("\n")
    print(f"wrote {args.out}: {len(sentences)} sentences, {os.path.getsize(args.out)} bytes")


if __name__ == "__main__":
    main()
