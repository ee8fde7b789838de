#!/usr/bin/env python3
"""Tiny random CLIP models and their reference outputs, for mlib's golden tests of
the CLIP tokenizer, text tower and vision tower, and of the multilingual query
tower layout of sentence-transformers/clip-ViT-B-32-multilingual-v1.

Writes under Tests/Fixtures/models/:

    tiny-clip/                  a Hugging Face CLIPModel folder: config.json,
                                model.safetensors, vocab.json, merges.txt,
                                tokenizer_config.json, special_tokens_map.json,
                                preprocessor_config.json (CLIPImageProcessor defaults).
                                The FULL 49,408-token vocabulary and 48,894 merges of
                                OpenAI's CLIP, laid out as Hugging Face lays them out;
                                text tower hidden 16 (gelu), vision tower hidden 32
                                (quick_gelu), 2 layers each, image 224, patch 32,
                                projection 12. The token embedding is stored as F16
                                (its float32 values are those halves), everything
                                else F32, so the fixture stays small.
    tiny-clip-pixels-N.bin      N = 0, 1, 2: pixel_values of one image each, float32
                                little-endian, 3 x 224 x 224 (channels first)
    tiny-clip-multilingual/     DistilBERT (cased WordPiece) + mean pooling + Dense
                                32 -> 12 without bias, Identity activation and no
                                Normalize module: the layout of
                                clip-ViT-B-32-multilingual-v1, in the
                                sentence-transformers 2.x spelling that folder has
    tiny-clip-reference.json    token ids of hard strings (from transformers'
                                CLIPTokenizer), their L2-normalised text vectors
                                (CLIPModel.get_text_features), the vision vectors of
                                the three pixel files (get_image_features,
                                normalised), and the multilingual folder's vectors as
                                sentence-transformers encodes them (unnormalised)

The BPE comes from OpenAI's bpe_simple_vocab_16e6.txt.gz, which the open-clip-torch
wheel carries: the script runs `pip download open-clip-torch --no-deps` into a
temporary folder unless --bpe names the .txt.gz. Nothing here shares code with the
Swift engine, and nothing comes from a model hub.

Usage: python3 Scripts/reference/make-tiny-clip.py [--bpe PATH]
Needs (in a virtualenv outside the repository):
    pip install torch transformers sentence-transformers pillow
"""

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

try:
    import numpy as np
    import torch
    import transformers
    import sentence_transformers
    from PIL import Image, ImageDraw
    from safetensors.torch import save_file
    from sentence_transformers import SentenceTransformer, models
    from transformers import CLIPConfig, CLIPImageProcessor, CLIPModel, CLIPTokenizer, DistilBertConfig, DistilBertModel, DistilBertTokenizerFast
except ImportError as error:
    sys.exit(f"make-tiny-clip.py: {error.name} is missing; run: pip install torch transformers sentence-transformers pillow")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "models")
CLIP = os.path.join(OUT, "tiny-clip")
MULTILINGUAL = os.path.join(OUT, "tiny-clip-multilingual")

LONG = " ".join(["A lighthouse by the seaside, photographed at dusk; waves, gulls and 3 boats."] * 8)

HARD_STRINGS = [
    "a photo of a cat",
    "Hello, World! It's 2024... isn't it?",
    "  lots   of\twhitespace \n\n and\u00a0non-breaking\u2003spaces\u3000here  ",
    "",
    "   \t\n  ",
    "Crème brûlée à Noël, s'il vous plaît! ÉCOLE e\u0301cole",
    "東京タワー 北京 서울 こんにちは",
    "🐱🐶 👨\u200d👩\u200d👧 ❤️ 🇫🇷",
    "don't I'LL we've they're she'd I'm ''s 'S !'s",
    "ΣΑΣ İstanbul ß ﬁ Ｈｅｌｌｏ",
    "3.14159 1,000,000 2nd ½ ² ٣ ⅷ",
    "<|endoftext|> inline <|startoftext|> and <|ENDOFTEXT|>",
    "x<|endoftext|>y",
    "zero\u200bwidth soft\u00adhyphen \u180e mongolian \ufeffbom",
    "Mixed: a-b_c/d\\e [f] {g} (h) #tag @user $5 ^_^ ~~ ...!!! ???",
    "नमस्ते दुनिया مرحبا بالعالم",
    "a" * 300,
    LONG,
]

MULTILINGUAL_SENTENCES = [
    "A dog in the snow",
    "Eine Katze auf dem Sofa",
    "Una playa con palmeras.",
    "東京タワー at night",
    "",
    " ".join(["The dog and the cat are on the beach"] * 12),
]


# ---------------------------------------------------------------- tokenizer files

def bpe_file(path):
    """The path of OpenAI's BPE merges, fetched from the open-clip-torch wheel if needed."""
    if path:
        return path
    work = tempfile.mkdtemp(prefix="make-tiny-clip-")
    subprocess.run([sys.executable, "-m", "pip", "download", "open-clip-torch", "--no-deps", "-q", "-d", work], check=True)
    wheel = next(os.path.join(work, name) for name in os.listdir(work) if name.endswith(".whl"))
    with zipfile.ZipFile(wheel) as archive:
        member = next(name for name in archive.namelist() if name.endswith("bpe_simple_vocab_16e6.txt.gz"))
        target = os.path.join(work, "bpe_simple_vocab_16e6.txt.gz")
        with archive.open(member) as source, open(target, "wb") as sink:
            shutil.copyfileobj(source, sink)
    return target


def byte_characters():
    """GPT-2's printable stand-in for each byte, in the order OpenAI lists them."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    codes = printable[:]
    extra = 0
    for byte in range(256):
        if byte not in printable:
            printable.append(byte)
            codes.append(256 + extra)
            extra += 1
    return [chr(code) for code in codes]


def write_tokenizer(folder, bpe):
    """vocab.json and merges.txt as Hugging Face's CLIP folders have them: the 256
    byte characters, the same with </w>, one token per merge (the first
    49152 - 256 - 2 merges of OpenAI's file), then the two special tokens."""
    lines = gzip.open(bpe).read().decode("utf-8").split("\n")
    merges = [tuple(line.split()) for line in lines[1:49152 - 256 - 2 + 1]]
    characters = byte_characters()
    vocab = characters + [c + "</w>" for c in characters] + ["".join(m) for m in merges] + ["<|startoftext|>", "<|endoftext|>"]
    assert len(vocab) == 49408 and len(set(vocab)) == 49408
    with open(os.path.join(folder, "vocab.json"), "w", encoding="utf-8") as handle:
        json.dump({token: index for index, token in enumerate(vocab)}, handle, ensure_ascii=False, separators=(",", ":"))
    with open(os.path.join(folder, "merges.txt"), "w", encoding="utf-8") as handle:
        handle.write("#version: 0.2\n" + "\n".join(" ".join(m) for m in merges) + "\n")
    specials = {"bos_token": "<|startoftext|>", "eos_token": "<|endoftext|>", "pad_token": "<|endoftext|>", "unk_token": "<|endoftext|>"}
    write_json(os.path.join(folder, "special_tokens_map.json"), specials)
    write_json(os.path.join(folder, "tokenizer_config.json"), {
        **specials, "add_prefix_space": False, "do_lower_case": True, "errors": "replace",
        "model_max_length": 77, "tokenizer_class": "CLIPTokenizer",
    })


# ---------------------------------------------------------------- CLIP model

def spread(model, generator):
    """Random weights wider than the default init, so no layer is near the identity."""
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if "norm" in name:
                base = 1.0 if name.endswith("weight") else 0.0
                parameter.copy_(base + 0.2 * torch.randn(parameter.shape, generator=generator))
            elif name == "logit_scale":
                continue
            else:
                parameter.copy_(0.25 * torch.randn(parameter.shape, generator=generator))


def build_clip(generator):
    config = CLIPConfig(
        text_config=dict(
            vocab_size=49408, hidden_size=16, intermediate_size=48, num_hidden_layers=2, num_attention_heads=2,
            max_position_embeddings=77, hidden_act="gelu", layer_norm_eps=1e-5,
            bos_token_id=49406, eos_token_id=49407, pad_token_id=1,
        ),
        vision_config=dict(
            hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4,
            image_size=224, patch_size=32, num_channels=3, hidden_act="quick_gelu", layer_norm_eps=1e-5,
        ),
        projection_dim=12,
    )
    model = CLIPModel(config)
    spread(model, generator)
    with torch.no_grad():
        # The stored token embedding is F16: use its rounded values from here on.
        table = model.text_model.embeddings.token_embedding.weight
        table.copy_(table.half().float())
    return model


def save_clip(model, folder):
    model.config.save_pretrained(folder)
    tensors = {}
    for name, value in model.state_dict().items():
        if name.endswith("position_ids"):
            continue
        value = value.detach().contiguous()
        tensors[name] = value.half() if name == "text_model.embeddings.token_embedding.weight" else value
    save_file(tensors, os.path.join(folder, "model.safetensors"), metadata={"format": "pt"})
    CLIPImageProcessor().save_pretrained(folder)


def pixel_tensors():
    """Three images' pixel_values: random normal, a drawn picture through
    CLIPImageProcessor, and a hard checkerboard of large values."""
    generator = torch.Generator().manual_seed(7)
    noise = torch.randn(3, 224, 224, generator=generator)
    picture = Image.new("RGB", (320, 240), (30, 90, 160))
    draw = ImageDraw.Draw(picture)
    for step in range(0, 320, 8):
        draw.line([(step, 0), (320 - step, 240)], fill=(step % 256, 255 - step % 256, 128), width=3)
    draw.ellipse([100, 60, 220, 180], fill=(250, 200, 40), outline=(0, 0, 0))
    processed = CLIPImageProcessor()(images=picture, return_tensors="pt")["pixel_values"][0]
    rows = torch.arange(224).view(224, 1)
    columns = torch.arange(224).view(1, 224)
    board = (((rows // 16 + columns // 16) % 2) * 4.0 - 2.0).float()
    checker = torch.stack([board, -board * 0.5, board * 1.5 + 0.25])
    return [noise.float(), processed.float(), checker.float()]


def normalised(vectors):
    return vectors / vectors.norm(dim=-1, keepdim=True)


def clip_reference(folder, tensors):
    tokenizer = CLIPTokenizer.from_pretrained(folder)
    assert tokenizer.eos_token_id == 49407 and tokenizer.pad_token_id == 49407 and tokenizer.model_max_length == 77
    model = CLIPModel.from_pretrained(folder).eval()
    strings = []
    with torch.no_grad():
        batch = tokenizer(HARD_STRINGS, padding="max_length", truncation=True, max_length=77, return_tensors="pt")
        padded = normalised(model.get_text_features(**batch).pooler_output)
        for index, text in enumerate(HARD_STRINGS):
            ids = tokenizer(text, truncation=True, max_length=77)["input_ids"]
            alone = normalised(model.get_text_features(input_ids=torch.tensor([ids])).pooler_output)[0]
            assert (alone - padded[index]).abs().max() < 1e-5, f"padding changed the vector of {text!r}"
            strings.append({
                "text": text, "ids": ids, "tokens": tokenizer.convert_ids_to_tokens(ids),
                "embedding": [round(float(v), 7) for v in alone],
            })
        images = normalised(model.get_image_features(pixel_values=torch.stack(tensors)).pooler_output)
    assert len(strings[-1]["ids"]) == 77 and strings[-1]["ids"][-1] == 49407, "long text did not truncate"

    # The legacy configuration (eos_token_id 2) pools at the largest id: the same
    # tokens for every string here.
    legacy = CLIPModel.from_pretrained(folder).eval()
    legacy.text_model.eos_token_id = 2
    with torch.no_grad():
        again = normalised(legacy.get_text_features(**batch).pooler_output)
    assert (again - padded).abs().max() < 1e-6
    return {
        "projection_dim": 12,
        "context_length": 77,
        "strings": strings,
        "images": [
            {"pixels": f"tiny-clip-pixels-{index}.bin", "embedding": [round(float(v), 7) for v in vector]}
            for index, vector in enumerate(images)
        ],
    }


# ---------------------------------------------------------------- multilingual tower

WORDPIECE = (
    ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    + list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~0123456789")
    + [chr(c) for c in range(ord("a"), ord("z") + 1)] + [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    + list("東京タワー") + ["##" + chr(c) for c in range(ord("a"), ord("z") + 1)] + ["##ー", "##ワ", "##タ"]
    + ["A", "The", "the", "dog", "cat", "in", "snow", "Eine", "Katze", "auf", "dem", "Sofa", "Una", "playa",
       "con", "palm", "##eras", "at", "night", "and", "are", "on", "beach"]
)


def build_multilingual(work, generator):
    hf = os.path.join(work, "multilingual-hf")
    os.makedirs(hf)
    tokens = list(dict.fromkeys(WORDPIECE))
    with open(os.path.join(hf, "vocab.txt"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(tokens) + "\n")
    tokenizer = DistilBertTokenizerFast.from_pretrained(hf, do_lower_case=False, strip_accents=None, tokenize_chinese_chars=True)
    assert tokenizer.tokenize("Eine Katze") == ["Eine", "Katze"], "the tokenizer did not read vocab.txt"
    tokenizer.save_pretrained(hf)
    config = DistilBertConfig(
        vocab_size=len(tokens), dim=32, n_layers=2, n_heads=4, hidden_dim=64,
        max_position_embeddings=64, activation="gelu", pad_token_id=0,
    )
    model = DistilBertModel(config)
    spread(model, generator)
    model.save_pretrained(hf, safe_serialization=True)
    transformer = models.Transformer(hf, max_seq_length=48)
    pooling = models.Pooling(32, pooling_mode="mean")
    dense = models.Dense(32, 12, bias=False, activation_function=torch.nn.Identity())
    with torch.no_grad():
        dense.linear.weight.copy_(0.4 * torch.randn(dense.linear.weight.shape, generator=generator))
    return SentenceTransformer(modules=[transformer, pooling, dense], device="cpu"), tokens


def rewrite_as_multilingual_layout(folder, tokens):
    """The files as clip-ViT-B-32-multilingual-v1 has them (sentence-transformers 2.x
    spelling): module types under sentence_transformers.models, pooling flags, the
    Dense configuration's four keys, max_seq_length in sentence_bert_config.json, and
    the WordPiece vocab.txt."""
    entries = read_json(os.path.join(folder, "modules.json"))
    for entry in entries:
        entry["type"] = "sentence_transformers.models." + entry["type"].split(".")[-1]
    write_json(os.path.join(folder, "modules.json"), entries)
    pooling = read_json(os.path.join(folder, "1_Pooling", "config.json"))
    write_json(os.path.join(folder, "1_Pooling", "config.json"), {
        "word_embedding_dimension": pooling["embedding_dimension"],
        "pooling_mode_cls_token": False, "pooling_mode_mean_tokens": True,
        "pooling_mode_max_tokens": False, "pooling_mode_mean_sqrt_len_tokens": False,
    })
    dense = read_json(os.path.join(folder, "2_Dense", "config.json"))
    write_json(os.path.join(folder, "2_Dense", "config.json"), {
        "in_features": dense["in_features"], "out_features": dense["out_features"], "bias": False,
        "activation_function": "torch.nn.modules.linear.Identity",
    })
    write_json(os.path.join(folder, "sentence_bert_config.json"), {"max_seq_length": 48, "do_lower_case": False})
    for name in ["README.md", "tokenizer.json", "config_sentence_transformers.json"]:
        path = os.path.join(folder, name)
        if os.path.exists(path):
            os.remove(path)
    with open(os.path.join(folder, "vocab.txt"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(tokens) + "\n")


def multilingual_reference(folder):
    model = SentenceTransformer(folder, device="cpu").eval()
    names = [type(module).__name__ for module in model]
    assert names == ["Transformer", "Pooling", "Dense"], names
    vectors = model.encode(MULTILINGUAL_SENTENCES, convert_to_numpy=True)
    sentences = []
    for text, vector in zip(MULTILINGUAL_SENTENCES, vectors):
        ids = model.tokenize([text])["input_ids"][0].tolist()
        sentences.append({"text": text, "ids": ids, "embedding": [round(float(v), 7) for v in vector]})
    return {"modules": names, "max_length": model.max_seq_length, "dimension": int(model.get_sentence_embedding_dimension()), "sentences": sentences}


# ---------------------------------------------------------------- files

def read_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(value, handle, indent=2, ensure_ascii=False)
        handle.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bpe", help="OpenAI's bpe_simple_vocab_16e6.txt.gz (default: from the open-clip-torch wheel)")
    arguments = parser.parse_args()
    torch.manual_seed(3210)
    generator = torch.Generator().manual_seed(3210)

    shutil.rmtree(CLIP, ignore_errors=True)
    os.makedirs(CLIP)
    write_tokenizer(CLIP, bpe_file(arguments.bpe))
    save_clip(build_clip(generator), CLIP)
    tensors = pixel_tensors()
    for index, tensor in enumerate(tensors):
        tensor.numpy().astype("<f4").tofile(os.path.join(OUT, f"tiny-clip-pixels-{index}.bin"))

    document = {
        "versions": {
            "torch": torch.__version__.split("+")[0], "transformers": transformers.__version__,
            "sentence_transformers": sentence_transformers.__version__,
        },
        "clip": clip_reference(CLIP, tensors),
    }
    shutil.rmtree(MULTILINGUAL, ignore_errors=True)
    with tempfile.TemporaryDirectory() as work:
        model, tokens = build_multilingual(work, generator)
        model.save(MULTILINGUAL, safe_serialization=True)
    rewrite_as_multilingual_layout(MULTILINGUAL, tokens)
    document["multilingual"] = multilingual_reference(MULTILINGUAL)

    path = os.path.join(OUT, "tiny-clip-reference.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False, separators=(",", ":"))
        handle.write("\n")
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(OUT) for f in fs if "tiny-clip" in d or "tiny-clip" in f)
    print(f"wrote {path}; CLIP fixtures take {total} bytes")


if __name__ == "__main__":
    main()
