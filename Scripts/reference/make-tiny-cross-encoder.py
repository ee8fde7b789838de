#!/usr/bin/env python3
"""Tiny random cross-encoders (BertForSequenceClassification) and the logits
`transformers` computes for them, for mlib's golden tests of the native reranker:
pair tokenisation with token types, "longest_first" truncation, pooler and
classifier.

Writes under Tests/Fixtures/models/:

    tiny-cross-encoder/          BERT (hidden 32, 2 layers, 2 heads, intermediate 37),
                                 one label, the uncased WordPiece vocabulary of
                                 tiny-bert-cls; a 40-token window from the
                                 tokenizer's model_max_length (64 positions)
    tiny-cross-encoder-2labels/  the same shape with one layer and two labels; a
                                 32-token window from max_position_embeddings (the
                                 tokenizer says 512); vocab.txt without
                                 tokenizer.json, to keep the fixtures small
    tiny-cross-encoder-reference.json
                                 per folder: labels, window, and for each (query,
                                 document) pair the ids and token types the fast
                                 tokenizer gives and the raw logits of one padded
                                 batch of all pairs

Both folders are saved with save_pretrained (safetensors, `bert.` names, pooler and
classifier) plus the tokenizer's files, as cross-encoder/ms-marco-MiniLM-L-6-v2 is
laid out. The logits are checked against each pair run alone and against
sentence_transformers.CrossEncoder.predict with an identity activation. Weights are
random (fixed seed) and spread wider than the usual init so every layer and the
token types matter; the pooler's are kept narrower so its tanh does not saturate.
Nothing here shares code with the Swift engine.

Usage: python3 Scripts/reference/make-tiny-cross-encoder.py
Needs (in a virtualenv outside the repository):
    pip install torch transformers sentence-transformers
"""

import json
import os
import shutil
import sys
import tempfile

try:
    import numpy as np
    import torch
    import transformers
    import sentence_transformers
    from sentence_transformers import CrossEncoder
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast
except ImportError as error:
    sys.exit(f"make-tiny-cross-encoder.py: {error.name} is missing; run: pip install torch transformers sentence-transformers")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "models")
VOCAB = os.path.join(OUT, "tiny-bert-cls", "vocab.txt")

LONG_DOCUMENT = " ".join(["The lighthouse and the seaside holiday are fine words, ok?"] * 8)
LONG_QUERY = " ".join(["really what sea ##side crème brûlée noël"] * 6)

PAIRS = [
    ("seaside holiday", "The lighthouse and the seaside holiday are fine words."),
    ("seaside holiday", "Die Größe der Brücke über den Fluss ist ÜBERWÄLTIGEND."),
    ("Crème brûlée", "Crème brûlée à Noël, s'il vous plaît!"),
    ("Tokyo tower", "Tokyo 東京タワー and 北京 are Cased Words."),
    ("what is école", "The café's naïve résumé: ÉCOLE, École, école, ecole"),
    ("seaside", ""),
    ("", "light house"),
    ("lighthouse", LONG_DOCUMENT),
    (LONG_QUERY, "a seaside holiday"),
    (LONG_QUERY, LONG_DOCUMENT),
    ("Wait... what?!", "Wait... what?! (Really?) Yes -- no; maybe: {fine} <done> #tag @user $5 ^_^ ~~"),
    ("Mixed CaSe", "Mixed CaSe WiTh tabs\tand\u00a0non-breaking\u2003spaces"),
    ("Ω unknown", "Ω unknown Ωmega [MASK] and [SEP] inside"),
]


def read_vocabulary():
    with open(VOCAB, encoding="utf-8") as handle:
        return handle.read().splitlines()


def spread(model, generator):
    """Random weights wider than the default init, so no layer is near the identity."""
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if "LayerNorm" in name:
                base = 1.0 if name.endswith("weight") else 0.0
                parameter.copy_(base + 0.2 * torch.randn(parameter.shape, generator=generator))
            elif "pooler" in name:
                parameter.copy_(0.08 * torch.randn(parameter.shape, generator=generator))
            else:
                parameter.copy_(0.25 * torch.randn(parameter.shape, generator=generator))


def build(folder, tokens, generator, layers, labels, model_max_length, positions, keep_tokenizer_json):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    with tempfile.TemporaryDirectory() as work:
        vocab = os.path.join(work, "vocab.txt")
        with open(vocab, "w", encoding="utf-8") as handle:
            handle.write("\n".join(tokens) + "\n")
        tokenizer = BertTokenizerFast(vocab, do_lower_case=True, tokenize_chinese_chars=True, model_max_length=model_max_length)
    assert tokenizer.tokenize("Crème Noël") == ["creme", "noel"], "the tokenizer did not read vocab.txt"
    config = BertConfig(
        vocab_size=len(tokens), hidden_size=32, num_hidden_layers=layers, num_attention_heads=2,
        intermediate_size=37, max_position_embeddings=positions, type_vocab_size=2, hidden_act="gelu",
        num_labels=labels, architectures=["BertForSequenceClassification"],
    )
    model = BertForSequenceClassification(config)
    spread(model, generator)
    model.eval()
    model.save_pretrained(folder, safe_serialization=True)
    tokenizer.save_pretrained(folder)
    # transformers 5 saves only tokenizer.json; mlib reads the WordPiece vocab.txt it was built from.
    with open(os.path.join(folder, "vocab.txt"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(tokens) + "\n")
    for name in ["README.md"] + ([] if keep_tokenizer_json else ["tokenizer.json"]):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            os.remove(path)


def logits_of(model, encoded):
    with torch.no_grad():
        return model(**encoded).logits


def score(logits):
    """What mlib reports: the one logit, or the second minus the first."""
    return float(logits[0]) if len(logits) == 1 else float(logits[1] - logits[0])


def reference(folder, window):
    tokenizer = BertTokenizerFast.from_pretrained(folder)
    model = BertForSequenceClassification.from_pretrained(folder).eval()
    queries = [query for query, _ in PAIRS]
    documents = [document for _, document in PAIRS]
    batch = tokenizer(queries, documents, padding=True, truncation="longest_first", max_length=window, return_tensors="pt")
    logits = logits_of(model, batch)

    # Token types must matter, or the fixture would not test them.
    untyped = dict(batch)
    untyped["token_type_ids"] = torch.zeros_like(batch["token_type_ids"])
    assert (logits_of(model, untyped) - logits).abs().max() > 1e-2, "token types do not change the logits"

    pairs = []
    for index, (query, document) in enumerate(PAIRS):
        alone = tokenizer([query], [document], truncation="longest_first", max_length=window, return_tensors="pt")
        assert (logits_of(model, alone)[0] - logits[index]).abs().max() < 1e-5, f"batched and single logits differ for pair {index}"
        length = int(batch["attention_mask"][index].sum())
        ids = batch["input_ids"][index][:length].tolist()
        types = batch["token_type_ids"][index][:length].tolist()
        assert ids == alone["input_ids"][0].tolist() and len(ids) <= window
        row = logits[index].tolist()
        pairs.append({
            "query": query, "document": document, "ids": ids, "type_ids": types,
            "logits": [round(value, 7) for value in row], "score": round(score(row), 7),
        })

    scores = np.array([pair["score"] for pair in pairs])
    assert scores.std() > 0.05, f"the scores hardly differ ({scores}); the weights saturate"
    lengths = [len(pair["ids"]) for pair in pairs]
    assert max(lengths) == window and min(lengths) < window // 2, "the pairs do not exercise truncation and padding"

    # sentence-transformers, loading the saved folder as users do, gives the same logits.
    cross = CrossEncoder(folder, device="cpu", max_length=window)
    predicted = cross.predict(list(PAIRS), activation_fn=torch.nn.Identity(), batch_size=len(PAIRS), convert_to_numpy=True)
    predicted = np.asarray(predicted).reshape(len(PAIRS), -1)
    assert np.abs(predicted - logits.numpy()).max() < 1e-5, "sentence-transformers and transformers disagree"

    return {"num_labels": int(model.config.num_labels), "max_length": window, "pairs": pairs}


def main():
    torch.manual_seed(31337)
    generator = torch.Generator().manual_seed(31337)
    tokens = read_vocabulary()
    document = {
        "versions": {
            "torch": torch.__version__.split("+")[0],
            "transformers": transformers.__version__,
            "sentence_transformers": sentence_transformers.__version__,
        },
        "models": {},
    }
    one = os.path.join(OUT, "tiny-cross-encoder")
    build(one, tokens, generator, layers=2, labels=1, model_max_length=40, positions=64, keep_tokenizer_json=True)
    document["models"]["tiny-cross-encoder"] = reference(one, 40)

    two = os.path.join(OUT, "tiny-cross-encoder-2labels")
    build(two, tokens, generator, layers=1, labels=2, model_max_length=512, positions=32, keep_tokenizer_json=False)
    document["models"]["tiny-cross-encoder-2labels"] = reference(two, 32)

    path = os.path.join(OUT, "tiny-cross-encoder-reference.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
    total = sum(os.path.getsize(os.path.join(d, f)) for folder in (one, two) for d, _, fs in os.walk(folder) for f in fs)
    print(f"wrote {path}; the two folders take {total} bytes")
    for name, model in document["models"].items():
        print(name, [pair["score"] for pair in model["pairs"]])


if __name__ == "__main__":
    main()
