#!/usr/bin/env python3
"""Tiny random sentence-transformers models and their reference outputs, for mlib's
golden tests of the DistilBERT / BERT encoders, cased and uncased WordPiece
tokenisation, pooling modes, Dense heads and modules.json spellings.

Writes under Tests/Fixtures/models/:

    tiny-distilbert-cased/      DistilBERT (dim 32, 2 layers), cased vocabulary with
                                accented and CJK pieces, mean pooling, Dense 32 -> 16
                                with Tanh, Normalize; a 24-token window. Saved as
                                the installed sentence-transformers saves (6.x:
                                module types such as
                                `sentence_transformers.base.modules.dense.Dense`, a
                                `pooling_mode` string, the window as the tokenizer's
                                model_max_length)
    tiny-distilbert-cased-old/  the same model rewritten as sentence-transformers 2.x
                                wrote it: `sentence_transformers.models.Dense` types,
                                `pooling_mode_*_tokens` flags, the window as
                                sentence_bert_config.json's max_seq_length (with
                                tokenizer_config.json's model_max_length at 512)
    tiny-bert-cls/              BERT (hidden 32, 2 layers), uncased, CLS pooling,
                                Normalize; a 20-token window from model_max_length
    tiny-reference.json         per folder: family, window, dimension, and for each
                                sentence the token ids and the sentence vector that
                                sentence-transformers computes; under "variants",
                                tiny-bert-cls with max pooling instead of CLS (the
                                tests rewrite 1_Pooling/config.json in a copy)

The ids and vectors come from `transformers` and `sentence-transformers` loading
the saved folders, so they test mlib against the libraries the models come from.
Weights are random (fixed seed) and spread wider than the usual init so every
layer matters. Nothing here shares code with the Swift engine.

Usage: python3 Scripts/reference/make-tiny-models.py
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
    import sentence_transformers
    from sentence_transformers import SentenceTransformer, models
    from transformers import BertConfig, BertModel, BertTokenizerFast, DistilBertConfig, DistilBertModel, DistilBertTokenizerFast
except ImportError as error:
    sys.exit(f"make-tiny-models.py: {error.name} is missing; run: pip install torch transformers sentence-transformers")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "models")

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PUNCTUATION = list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
LETTERS = [chr(c) for c in range(ord("a"), ord("z") + 1)] + [chr(c) for c in range(ord("A"), ord("Z") + 1)]
DIGITS = list("0123456789")
ACCENTED = list("éèêàâçëïîôûüöäßÉÜÖÄñ")
CJK = list("東京北塔海")
KANA = list("タワー")
WORDS = [
    # Cased and accented whole words, as a multilingual cased vocabulary has them.
    "The", "the", "Crème", "crème", "brû", "##lée", "Noël", "vous", "il", "plaît",
    "Die", "der", "den", "ist", "Größe", "Brücke", "über", "Fluss", "Cased", "Words",
    "Tokyo", "and", "are", "café", "naïve", "résumé", "École", "école", "ecole",
    "Wait", "what", "Really", "Yes", "no", "maybe", "ok", "fine", "done", "tag", "user",
    "Mixed", "tabs", "non", "breaking", "spaces", "sea", "##side", "holiday", "light", "##house",
    # Their lower-cased and accent-stripped forms, for the uncased tokenizer.
    "creme", "brulee", "noel", "plait", "grosse", "brucke", "uber", "fluss", "cased", "words",
    "tokyo", "cafe", "naive", "resume", "wait", "really", "yes", "mixed",
    "##s", "##ing", "##ed", "##er", "##e",
]

LONG = " ".join(["The lighthouse and the seaside holiday are fine words, ok?"] * 8)

SENTENCES = [
    "Crème brûlée à Noël, s'il vous plaît!",
    "Die Größe der Brücke über den Fluss ist ÜBERWÄLTIGEND.",
    "Tokyo 東京タワー and 北京 are Cased Words.",
    "Wait... what?! (Really?) Yes -- no; maybe: {fine} <done> #tag @user $5 ^_^ ~~",
    "The café's naïve résumé: ÉCOLE, École, école, ecole",
    "Mixed CaSe WiTh tabs\tand\u00a0non-breaking\u2003spaces",
    "Ω unknown Ωmega [MASK] and [SEP] inside",
    "",
    LONG,
]


def vocabulary():
    tokens = SPECIALS + PUNCTUATION + DIGITS + LETTERS + ACCENTED + CJK + KANA
    tokens += ["##" + t for t in LETTERS + DIGITS + ACCENTED + KANA]
    tokens += WORDS
    seen = set()
    return [t for t in tokens if not (t in seen or seen.add(t))]


def spread(model, generator):
    """Random weights wider than the default init, so no layer is near the identity."""
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if "LayerNorm" in name or "layer_norm" in name:
                base = 1.0 if name.endswith("weight") else 0.0
                parameter.copy_(base + 0.2 * torch.randn(parameter.shape, generator=generator))
            else:
                parameter.copy_(0.25 * torch.randn(parameter.shape, generator=generator))


def write_vocab(folder, tokens):
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "vocab.txt")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(tokens) + "\n")
    return path


def check_tokenizer(tokenizer, words):
    """The tokenizer read vocab.txt (some versions ignore a vocab_file argument)."""
    pieces = tokenizer.tokenize("Crème Noël")
    assert pieces == words, f"the tokenizer did not read vocab.txt: {pieces}"


def build_distilbert(work, tokens, generator):
    hf = os.path.join(work, "distilbert-hf")
    write_vocab(hf, tokens)
    tokenizer = DistilBertTokenizerFast.from_pretrained(hf, do_lower_case=False, strip_accents=None, tokenize_chinese_chars=True)
    check_tokenizer(tokenizer, ["Crème", "Noël"])
    tokenizer.save_pretrained(hf)
    config = DistilBertConfig(
        vocab_size=len(tokens), dim=32, n_layers=2, n_heads=4, hidden_dim=64,
        max_position_embeddings=40, activation="gelu", pad_token_id=0,
    )
    model = DistilBertModel(config)
    spread(model, generator)
    model.save_pretrained(hf, safe_serialization=True)

    transformer = models.Transformer(hf, max_seq_length=24)
    pooling = models.Pooling(32, pooling_mode="mean")
    dense = models.Dense(32, 16, bias=True, activation_function=torch.nn.Tanh())
    with torch.no_grad():
        dense.linear.weight.copy_(0.4 * torch.randn(dense.linear.weight.shape, generator=generator))
        dense.linear.bias.copy_(0.2 * torch.randn(dense.linear.bias.shape, generator=generator))
    return SentenceTransformer(modules=[transformer, pooling, dense, models.Normalize()], device="cpu")


def build_bert(work, tokens, generator):
    hf = os.path.join(work, "bert-hf")
    write_vocab(hf, tokens)
    tokenizer = BertTokenizerFast.from_pretrained(hf, do_lower_case=True, tokenize_chinese_chars=True, model_max_length=20)
    check_tokenizer(tokenizer, ["creme", "noel"])
    tokenizer.save_pretrained(hf)
    config = BertConfig(
        vocab_size=len(tokens), hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
        intermediate_size=64, max_position_embeddings=40, type_vocab_size=2, hidden_act="gelu",
    )
    model = BertModel(config, add_pooling_layer=False)
    spread(model, generator)
    model.save_pretrained(hf, safe_serialization=True)

    transformer = models.Transformer(hf)  # window from the tokenizer's model_max_length
    pooling = models.Pooling(32, pooling_mode="cls")
    return SentenceTransformer(modules=[transformer, pooling, models.Normalize()], device="cpu")


def reference(model, family):
    model.eval()
    sentences = []
    vectors = model.encode(SENTENCES, batch_size=len(SENTENCES), convert_to_numpy=True, normalize_embeddings=False)
    for text, vector in zip(SENTENCES, vectors):
        ids = model.tokenize([text])["input_ids"][0].tolist()
        alone = model.encode([text], convert_to_numpy=True)[0]
        assert np.abs(alone - vector).max() < 1e-5, "batched and single vectors differ"
        sentences.append({"text": text, "ids": ids, "embedding": [round(float(v), 7) for v in vector]})
    return {
        "family": family,
        "max_length": model.max_seq_length,
        "dimension": int(model.get_sentence_embedding_dimension()),
        "sentences": sentences,
    }


def module_types(folder):
    with open(os.path.join(folder, "modules.json")) as handle:
        return json.load(handle)


def read_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(value, handle, indent=2)
        handle.write("\n")


def rewrite_as_old_layout(folder, max_seq_length):
    """Rewrites a saved folder into the sentence-transformers 2.x spelling of the same model."""
    entries = module_types(folder)
    for entry in entries:
        entry["type"] = "sentence_transformers.models." + entry["type"].split(".")[-1]
    write_json(os.path.join(folder, "modules.json"), entries)
    pooling = read_json(os.path.join(folder, "1_Pooling", "config.json"))
    mode = pooling["pooling_mode"]
    write_json(os.path.join(folder, "1_Pooling", "config.json"), {
        "word_embedding_dimension": pooling["embedding_dimension"],
        "pooling_mode_cls_token": mode == "cls",
        "pooling_mode_mean_tokens": mode == "mean",
        "pooling_mode_max_tokens": mode == "max",
        "pooling_mode_mean_sqrt_len_tokens": False,
    })
    dense = read_json(os.path.join(folder, "2_Dense", "config.json"))
    write_json(os.path.join(folder, "2_Dense", "config.json"), {key: dense[key] for key in ["in_features", "out_features", "bias", "activation_function"]})
    shutil.rmtree(os.path.join(folder, "3_Normalize"))
    os.remove(os.path.join(folder, "config_sentence_transformers.json"))
    write_json(os.path.join(folder, "sentence_bert_config.json"), {"max_seq_length": max_seq_length, "do_lower_case": False})
    tokenizer = read_json(os.path.join(folder, "tokenizer_config.json"))
    tokenizer["model_max_length"] = 512
    write_json(os.path.join(folder, "tokenizer_config.json"), tokenizer)


def tidy(folder, tokens):
    """Keeps the tokenizer as the WordPiece vocab.txt mlib reads (transformers 5
    saves only tokenizer.json, built from this same vocabulary) and drops what the
    tests do not need, to keep the fixtures small."""
    write_vocab(folder, tokens)
    for name in ["README.md", "tokenizer.json"]:
        path = os.path.join(folder, name)
        if os.path.exists(path):
            os.remove(path)


def check_reload(folder, expected):
    """The saved folder, loaded again by sentence-transformers, gives the same vectors."""
    model = SentenceTransformer(folder, device="cpu")
    again = reference(model, expected["family"])
    assert again["max_length"] == expected["max_length"], (folder, again["max_length"], expected["max_length"])
    for a, b in zip(again["sentences"], expected["sentences"]):
        assert a["ids"] == b["ids"], (folder, a["text"])
        assert np.abs(np.array(a["embedding"]) - np.array(b["embedding"])).max() < 1e-5, (folder, a["text"])


def main():
    torch.manual_seed(20240)
    generator = torch.Generator().manual_seed(20240)
    tokens = vocabulary()
    document = {
        "versions": {
            "torch": torch.__version__.split("+")[0],
            "transformers": __import__("transformers").__version__,
            "sentence_transformers": sentence_transformers.__version__,
        },
        "models": {},
    }
    with tempfile.TemporaryDirectory() as work:
        distil = build_distilbert(work, tokens, generator)
        bert = build_bert(work, tokens, generator)

        folder = os.path.join(OUT, "tiny-distilbert-cased")
        shutil.rmtree(folder, ignore_errors=True)
        distil.save(folder, safe_serialization=True)
        tidy(folder, tokens)
        document["models"]["tiny-distilbert-cased"] = reference(distil, "distilbert")

        old = os.path.join(OUT, "tiny-distilbert-cased-old")
        shutil.rmtree(old, ignore_errors=True)
        shutil.copytree(folder, old)
        rewrite_as_old_layout(old, distil.max_seq_length)
        document["models"]["tiny-distilbert-cased-old"] = document["models"]["tiny-distilbert-cased"]

        folder = os.path.join(OUT, "tiny-bert-cls")
        shutil.rmtree(folder, ignore_errors=True)
        bert.save(folder, safe_serialization=True)
        tidy(folder, tokens)
        document["models"]["tiny-bert-cls"] = reference(bert, "bert")
        assert document["models"]["tiny-bert-cls"]["max_length"] == 20
        with_max = SentenceTransformer(modules=[bert[0], models.Pooling(32, pooling_mode="max"), models.Normalize()], device="cpu")
        document["variants"] = {"tiny-bert-cls:max": reference(with_max, "bert")}

    for name, expected in document["models"].items():
        check_reload(os.path.join(OUT, name), expected)
        types = [entry["type"] for entry in module_types(os.path.join(OUT, name))]
        print(f"{name}: {types}")
    long_ids = document["models"]["tiny-distilbert-cased"]["sentences"][-1]["ids"]
    assert len(long_ids) == 24 and long_ids[-1] == tokens.index("[SEP]"), "long text did not truncate"

    path = os.path.join(OUT, "tiny-reference.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False, separators=(",", ":"))
        handle.write("\n")
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(OUT) for f in fs if "tiny" in d or "tiny" in f)
    print(f"wrote {path}; tiny fixtures take {total} bytes")


if __name__ == "__main__":
    main()
