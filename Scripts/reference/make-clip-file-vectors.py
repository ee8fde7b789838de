#!/usr/bin/env python3
"""Expected image vectors of picture *files* through the tiny CLIP, end to end.

transformers loads each file the way its pipelines do (`load_image`: Pillow,
EXIF orientation applied, alpha dropped), preprocesses it with
`CLIPImageProcessorPil` (the Pillow path) and embeds it with
`CLIPModel.get_image_features`; the vector is L2-normalised. mlib's test decodes
the same files with its own FFmpeg decoder, preprocesses and embeds them
natively, and must come within cosine 0.99.

Also writes `huge.jpg` (4000×3000, smooth, small on disk), so the path through
JPEG reduced-size decoding is covered.

Needs the reference venv (torch, transformers, pillow); run from the repository root:
    /work/venv-ref/bin/python Scripts/reference/make-clip-file-vectors.py
"""
import json
import pathlib

import numpy as np
import PIL.Image
import torch
from transformers import CLIPImageProcessorPil, CLIPModel
from transformers.image_utils import load_image

root = pathlib.Path("Tests/Fixtures")
pictures = root / "clip-images"
folder = root / "models" / "tiny-clip"

# A smooth 4000×3000 picture: gradients and soft rings compress to little.
width, height = 4000, 3000
y, x = np.mgrid[0:height, 0:width].astype(np.float32)
red = (x / width * 255)
green = (y / height * 255)
blue = (127 + 120 * np.sin(np.hypot(x - 1700, y - 1300) / 180))
huge = np.stack([red, green, blue], axis=-1).clip(0, 255).astype(np.uint8)
PIL.Image.fromarray(huge).save(pictures / "huge.jpg", quality=80, subsampling=2)

files = ["photo.jpg", "rotated.jpg", "alpha.png", "gray.png", "palette.gif", "tiny.png", "huge.jpg"]
processor = CLIPImageProcessorPil()
model = CLIPModel.from_pretrained(folder).eval()
expected = {}
with torch.no_grad():
    for name in files:
        image = load_image(str(pictures / name))
        pixel_values = processor(images=image, return_tensors="pt")["pixel_values"]
        output = model.get_image_features(pixel_values=pixel_values)
        vector = getattr(output, "pooler_output", output)[0]
        vector = vector / vector.norm()
        expected[name] = [round(float(v), 7) for v in vector]
(root / "models" / "tiny-clip-file-vectors.json").write_text(json.dumps(expected, indent=1) + "\n")
print("wrote", len(expected), "vectors")
