#!/usr/bin/env python3
"""The PyTorch side of mlib's CLIP benchmark (bench/clip.sh).

    clip_reference.py make FOLDER --tokenizer TINY_CLIP_FOLDER
        A ViT-B/32 CLIPModel at its real size (transformers' CLIPConfig defaults,
        those of openai/clip-vit-base-patch32) with random weights, saved as F32
        model.safetensors + config.json in FOLDER, with the tokenizer files of the
        committed tiny CLIP fixture (the real vocabulary). Also FOLDER/pixels.bin (8
        random images' pixel_values, float32), FOLDER/texts.txt (queries, one per
        line) and FOLDER/expected.json (the vectors transformers gives for the first
        two of each, so the Swift side can check it computes the same model).

    clip_reference.py time FOLDER --threads T [--items N] [--batch B] [--towers text|image|both]
        Milliseconds per image and per text (tokenizer included) of transformers'
        CLIPModel on those inputs with T intra-op threads, one item at a time and in
        batches of B; one JSON line per measurement, as `mlib-bench clip` prints.

Needs torch, transformers and safetensors; the weights are never committed.
"""
import argparse
import json
import os
import shutil
import sys
import time

import numpy as np
import torch
from safetensors.torch import save_file
from transformers import CLIPConfig, CLIPModel, CLIPTokenizer

TEXTS = [
    "a photo of a cat", "red dress by a cafe window", "sunset over the harbour with fishing boats",
    "two children playing football on a beach in summer", "a close-up of a hand-written note",
    "snow on the mountains behind the village church", "birthday cake with candles", "a dog",
    "the view from the top of the Eiffel Tower at night, with lights along the river",
    "screenshot of a spreadsheet", "old black-and-white family portrait", "graffiti on a brick wall",
    "a plate of spaghetti", "rain on the window", "crowd at a concert, stage lights", "whiteboard with diagrams",
]


def make(folder, tokenizer_folder):
    os.makedirs(folder, exist_ok=True)
    torch.manual_seed(0)
    config = CLIPConfig()  # ViT-B/32: vision 768 x 12, patch 32; text 512 x 12; projection 512
    model = CLIPModel(config).eval()
    config.save_pretrained(folder)
    tensors = {name: value.detach().contiguous() for name, value in model.state_dict().items() if not name.endswith("position_ids")}
    save_file(tensors, os.path.join(folder, "model.safetensors"), metadata={"format": "pt"})
    for name in ["vocab.json", "merges.txt", "tokenizer_config.json", "special_tokens_map.json", "preprocessor_config.json"]:
        shutil.copy(os.path.join(tokenizer_folder, name), os.path.join(folder, name))
    generator = torch.Generator().manual_seed(1)
    pixels = torch.randn(8, 3, 224, 224, generator=generator)
    pixels.numpy().astype("<f4").tofile(os.path.join(folder, "pixels.bin"))
    with open(os.path.join(folder, "texts.txt"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(TEXTS) + "\n")
    tokenizer = CLIPTokenizer.from_pretrained(folder)
    with torch.inference_mode():
        images = model.get_image_features(pixel_values=pixels[:2]).pooler_output
        texts = model.get_text_features(**tokenizer(TEXTS[:2], padding=True, return_tensors="pt")).pooler_output
    normalise = lambda v: (v / v.norm(dim=-1, keepdim=True)).tolist()
    with open(os.path.join(folder, "expected.json"), "w") as handle:
        json.dump({"images": normalise(images), "texts": normalise(texts)}, handle)


def measure(body, items, batch):
    """Wall-clock and process CPU milliseconds per item, after one warm-up batch."""
    body(0, min(batch, items))
    start = time.perf_counter()
    cpu_start = time.process_time()
    first = 0
    while first < items:
        end = min(first + batch, items)
        body(first, end)
        first = end
    return (time.perf_counter() - start) * 1000 / items, (time.process_time() - cpu_start) * 1000 / items


def timing(folder, threads, items, batch, towers):
    torch.set_num_threads(threads)
    started = time.perf_counter()
    model = CLIPModel.from_pretrained(folder).eval()
    tokenizer = CLIPTokenizer.from_pretrained(folder)
    load_ms = (time.perf_counter() - started) * 1000
    pixels = torch.from_numpy(np.fromfile(os.path.join(folder, "pixels.bin"), dtype="<f4").reshape(-1, 3, 224, 224))
    texts = open(os.path.join(folder, "texts.txt"), encoding="utf-8").read().split("\n")
    texts = [text for text in texts if text]
    images = torch.stack([pixels[i % len(pixels)] for i in range(items)])
    queries = [texts[i % len(texts)] for i in range(items)]

    def report(**fields):
        print(json.dumps({"engine": "pytorch", "threads": str(threads), **fields}), flush=True)

    report(tower="load", ms=round(load_ms, 1))
    with torch.inference_mode():
        def embed_images(first, end):
            features = model.get_image_features(pixel_values=images[first:end]).pooler_output
            return features / features.norm(dim=-1, keepdim=True)

        def embed_texts(first, end):
            inputs = tokenizer(queries[first:end], padding=True, truncation=True, max_length=77, return_tensors="pt")
            features = model.get_text_features(**inputs).pooler_output
            return features / features.norm(dim=-1, keepdim=True)

        for size in [1, batch]:
            if towers != "text":
                wall, cpu = measure(embed_images, items, size)
                report(tower="image", batch=size, items=items, ms_per_item=round(wall, 2), cpu_ms_per_item=round(cpu, 2))
            if towers != "image":
                wall, cpu = measure(embed_texts, items, size)
                report(tower="text", batch=size, items=items, ms_per_item=round(wall, 3), cpu_ms_per_item=round(cpu, 3))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make_parser = commands.add_parser("make")
    make_parser.add_argument("folder")
    make_parser.add_argument("--tokenizer", required=True)
    time_parser = commands.add_parser("time")
    time_parser.add_argument("folder")
    time_parser.add_argument("--threads", type=int, required=True)
    time_parser.add_argument("--items", type=int, default=32)
    time_parser.add_argument("--batch", type=int, default=16)
    time_parser.add_argument("--towers", choices=["text", "image", "both"], default="both")
    arguments = parser.parse_args()
    if arguments.command == "make":
        make(arguments.folder, arguments.tokenizer)
    else:
        timing(arguments.folder, arguments.threads, arguments.items, arguments.batch, arguments.towers)


if __name__ == "__main__":
    sys.exit(main())
