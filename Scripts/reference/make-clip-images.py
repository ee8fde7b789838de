#!/usr/bin/env python3
"""Reference pixel_values for mlib's CLIP image preprocessing tests.

Writes Tests/Fixtures/clip-images/: source pictures, the RGB bytes Pillow decoded
from each, and what transformers' CLIPImageProcessor (the Pillow backend,
`CLIPImageProcessorPil`, constructed with its defaults, which are
openai/clip-vit-base-patch32's) makes of them. manifest.json lists it all.

Pictures are loaded as `transformers.image_utils.load_image` loads them: Pillow
opens the file, `ImageOps.exif_transpose` applies the EXIF orientation and
`convert("RGB")` drops alpha and expands grey and palettes. The bytes that gives are
written raw (`<name>.rgb`, rows top to bottom, no padding) so the Swift tests need no
decoder. Three large pictures are not stored at all: they are made from a recipe
both this script and the tests compute (see `recipe_pixels`).

Expected values: `photo` keeps transformers' float32 tensor as it is
(`photo.pixel_values.f32`, little-endian, channels × rows × columns). For the
others the script stores the 8-bit window transformers normalised
(`<case>.window.u8`, rows × columns × RGB, zero where the crop pads) and checks, bit
for bit, that mapping those bytes through transformers' arithmetic (byte *
rescale_factor in float64, to float32, then (x - mean) / std in float32) gives its
tensor; 1 byte instead of 4 per value keeps the fixtures small and loses nothing.

Also measured, for the integrator (printed and stored under "reduced_decoding" in
the manifest, nothing committed from it): how far pixel_values move when a large
JPEG is decoded at reduced size (libjpeg DCT scaling through Pillow's draft(), and
FFmpeg's -lowres) instead of in full.

Usage: python3 Scripts/reference/make-clip-images.py [--out DIR] [--skip-reduced]
Needs: pip install transformers pillow numpy scikit-image (torch not needed); ffmpeg
on PATH for the FFmpeg rows of the reduced-decoding table.
"""

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

try:
    import numpy as np
    import PIL
    import PIL.Image
    import PIL.ImageOps
    import skimage
    import skimage.data
    import transformers
    from transformers import CLIPImageProcessorPil
    from transformers.image_utils import load_image
except ImportError as error:
    sys.exit(f"make-clip-images.py: {error.name} is missing; run: python3 -m pip install transformers pillow numpy scikit-image")

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "..", "Tests", "Fixtures", "clip-images")


def recipe_pixels(width, height, shift):
    """The "rings" recipe, integers only so Swift computes the same bytes:
    red rises left to right, green top to bottom, blue is (x² + 3y²) >> shift, mod 256."""
    x = np.arange(width, dtype=np.int64)[None, :]
    y = np.arange(height, dtype=np.int64)[:, None]
    red = np.broadcast_to(x * 255 // max(width - 1, 1), (height, width))
    green = np.broadcast_to(y * 255 // max(height - 1, 1), (height, width))
    blue = ((x * x + 3 * y * y) >> shift) & 255
    return np.stack([red, green, blue], axis=-1).astype(np.uint8)


def make_sources(out):
    """Writes the source pictures and returns [(name, file name)]."""
    chelsea = PIL.Image.fromarray(skimage.data.chelsea())  # CC0, Stefan van der Walt
    coffee = PIL.Image.fromarray(skimage.data.coffee())  # CC0, Rachel Michetti
    sources = []

    # A photograph, downscaled 300 -> 224.
    chelsea.save(os.path.join(out, "photo.jpg"), quality=92)
    sources.append(("photo", "photo.jpg"))

    # A phone picture as the sensor stored it, 256×192, with EXIF orientation 6
    # (turn 90° clockwise to view): 192×256 upright.
    sideways = coffee.resize((256, 192), PIL.Image.Resampling.LANCZOS)
    exif = PIL.Image.Exif()
    exif[0x0112] = 6
    sideways.save(os.path.join(out, "rotated.jpg"), quality=90, exif=exif.tobytes())
    sources.append(("rotated", "rotated.jpg"))

    # RGBA with a varying alpha over varying colour: load_image drops the alpha.
    rgba = np.zeros((150, 200, 4), dtype=np.uint8)
    yy, xx = np.mgrid[0:150, 0:200]
    rgba[..., 0] = (xx * 255 // 199).astype(np.uint8)
    rgba[..., 1] = (yy * 255 // 149).astype(np.uint8)
    rgba[..., 2] = (((xx // 10 + yy // 10) % 2) * 200 + 30).astype(np.uint8)
    rgba[..., 3] = np.clip(255 - np.hypot(xx - 100, yy - 75) * 2.5, 0, 255).astype(np.uint8)
    PIL.Image.fromarray(rgba, "RGBA").save(os.path.join(out, "alpha.png"))
    sources.append(("alpha", "alpha.png"))

    # Grey (mode L), portrait.
    chelsea.convert("L").crop((120, 0, 330, 280)).resize((160, 200), PIL.Image.Resampling.LANCZOS).save(os.path.join(out, "gray.png"))
    sources.append(("gray", "gray.png"))

    # A palette GIF, smaller than the crop on one side.
    coffee.resize((150, 100), PIL.Image.Resampling.LANCZOS).quantize(64).save(os.path.join(out, "palette.gif"))
    sources.append(("palette", "palette.gif"))

    # 7×5 pixels, upscaled 45 times.
    rng = np.random.default_rng(7)
    PIL.Image.fromarray(rng.integers(0, 256, (5, 7, 3), dtype=np.uint8)).save(os.path.join(out, "tiny.png"))
    sources.append(("tiny", "tiny.png"))
    return sources


RECIPES = [
    # name, width, height, shift
    ("large", 3000, 2000, 12),  # a large picture, reduced 8.9 times
    ("panorama", 2400, 300, 8),  # 8:1, reduced 1.34 times to 1792×224
    ("sliver", 10000, 3, 14),  # 3333:1, resized to 746666×224
]

# Configurations besides the default, each on one picture: (name, picture, JSON).
CONFIGURATIONS = [
    ("bilinear", "photo", {"size": {"shortest_edge": 160}, "crop_size": 128, "resample": 2, "image_mean": 0.5, "image_std": 0.5}),
    ("exact-no-crop", "photo", {"size": {"height": 96, "width": 160}, "do_center_crop": False, "do_normalize": False}),
    ("padded", "photo", {"size": 100, "crop_size": {"height": 128, "width": 128}, "do_rescale": False}),
    ("no-resize", "tiny", {"do_resize": False, "crop_size": {"height": 16, "width": 16}}),
]


def value_table(processor):
    """What transformers makes of each byte, per channel: float64 rescale, float32 normalise."""
    table = np.arange(256, dtype=np.uint8)[None, :].repeat(3, axis=0)
    values = table.astype(np.float64)
    if processor.do_rescale:
        values = values * processor.rescale_factor
    values = values.astype(np.float32)
    if processor.do_normalize:
        mean = np.broadcast_to(np.array(processor.image_mean, dtype=np.float32).reshape(-1), (3,))[:, None]
        std = np.broadcast_to(np.array(processor.image_std, dtype=np.float32).reshape(-1), (3,))[:, None]
        values = (values - mean) / std
    return values


def window_bytes(values, processor):
    """The 8-bit window (H, W, 3) whose normalisation is exactly `values` (3, H, W)."""
    table = value_table(processor)
    window = np.zeros(values.shape[1:] + (3,), dtype=np.uint8)
    for channel in range(3):
        lookup = {table[channel, byte].tobytes(): byte for byte in range(256)}
        if len(lookup) != 256:
            sys.exit("make-clip-images.py: two bytes normalise to the same float; store float32 instead")
        flat = values[channel].reshape(-1)
        found = [lookup.get(value.tobytes()) for value in flat]
        if any(byte is None for byte in found):
            sys.exit("make-clip-images.py: a value is not any byte's normalisation; transformers' arithmetic changed")
        window[..., channel] = np.array(found, dtype=np.uint8).reshape(values.shape[1:])
    rebuilt = np.stack([table[channel][window[..., channel]] for channel in range(3)])
    assert rebuilt.tobytes() == values.tobytes()
    return window


def pixel_values(processor, image):
    return processor(images=image, return_tensors="np")["pixel_values"][0].astype(np.float32)


def write_case(out, manifest, name, picture, processor, image, config_folder=None, store_float=False):
    values = pixel_values(processor, image)
    case = {"name": name, "picture": picture, "shape": list(values.shape)}
    if config_folder:
        case["configuration"] = config_folder
    window = window_bytes(values, processor)
    if store_float:
        case["pixel_values"] = f"{name}.pixel_values.f32"
        values.astype("<f4").tofile(os.path.join(out, case["pixel_values"]))
    else:
        case["window"] = f"{name}.window.u8"
        window.tofile(os.path.join(out, case["window"]))
    manifest["cases"].append(case)
    return values


def ffmpeg_rgb(path, lowres):
    """The first picture of `path` as the ffmpeg tool decodes it to rgb24 (the tool
    applies EXIF orientation), at 1/2^lowres size."""
    decoded = subprocess.run(
        ["ffmpeg", "-v", "error", "-lowres", str(lowres), "-i", path, "-frames:v", "1", "-f", "image2pipe", "-c:v", "ppm", "-"],
        capture_output=True, check=True)
    return PIL.Image.open(io.BytesIO(decoded.stdout)).convert("RGB")


def ffmpeg_decoding(out, processor, manifest):
    """How far FFmpeg's decoding of each source is from Pillow's, in bytes and after preprocessing."""
    std = np.array(processor.image_std, dtype=np.float64)[:, None, None]
    rows = []
    for picture in manifest["pictures"]:
        if "source" not in picture:
            continue
        pillow = np.fromfile(os.path.join(out, picture["rgb"]), dtype=np.uint8).reshape(picture["height"], picture["width"], 3)
        image = ffmpeg_rgb(os.path.join(out, picture["source"]), 0)
        decoded = np.asarray(image)
        row = {"picture": picture["name"], "ffmpeg_size": list(image.size)}
        if decoded.shape == pillow.shape:
            bytes_delta = np.abs(decoded.astype(np.int16) - pillow)
            delta = np.abs(pixel_values(processor, image).astype(np.float64) - pixel_values(processor, PIL.Image.fromarray(pillow)))
            row.update({
                "bytes_max": int(bytes_delta.max()), "bytes_mean": round(float(bytes_delta.mean()), 3),
                "pixel_values_max_abs": round(float(delta.max()), 4), "pixel_values_max_steps": round(float((delta * std * 255).max()), 2),
                "pixel_values_mean_steps": round(float((delta * std * 255).mean()), 3),
            })
        rows.append(row)
        print(f"  {picture['name']:8} {row}")
    return {"tool": subprocess.run(["ffmpeg", "-version"], capture_output=True, text=True).stdout.split("\n")[0], "rows": rows}


def reduced_decoding(processor):
    """How pixel_values move when big JPEGs are decoded at reduced size."""
    std = np.array(processor.image_std, dtype=np.float64)[:, None, None]
    hubble = skimage.data.hubble_deep_field()  # NASA, public domain
    coffee = skimage.data.coffee()
    width, height = 4032, 3024  # a 12-megapixel phone picture
    detailed = np.pad(hubble, ((0, height - hubble.shape[0]), (0, width - hubble.shape[1]), (0, 0)), mode="symmetric")[:height, :width]
    smooth = np.array(PIL.Image.fromarray(coffee).resize((width, height), PIL.Image.Resampling.BICUBIC))
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for label, pixels in [("detailed (Hubble deep field, mirrored)", detailed), ("smooth (coffee, upscaled)", smooth)]:
            path = os.path.join(folder, "big.jpg")
            PIL.Image.fromarray(pixels).save(path, quality=90)
            full = pixel_values(processor, load_image(path))
            variants = []
            for scale in (2, 4, 8):
                image = PIL.Image.open(path)
                image.draft("RGB", (width // scale, height // scale))
                variants.append((f"Pillow draft 1/{scale} ({image.size[0]}×{image.size[1]})", PIL.ImageOps.exif_transpose(image).convert("RGB")))
            if shutil.which("ffmpeg"):
                for lowres in (0, 1, 2, 3):
                    image = ffmpeg_rgb(path, lowres)
                    variants.append((f"FFmpeg -lowres {lowres} ({image.size[0]}×{image.size[1]})", image))
            for name, image in variants:
                delta = np.abs(pixel_values(processor, image).astype(np.float64) - full)
                steps = delta * std * 255  # in 8-bit steps of the resized picture
                rows.append({
                    "picture": label, "decoding": name,
                    "max_abs": round(float(delta.max()), 4), "mean_abs": round(float(delta.mean()), 5),
                    "max_steps": round(float(steps.max()), 2), "mean_steps": round(float(steps.mean()), 3),
                    "values_within_1_step": round(float((steps <= 1.0001).mean()), 4),
                })
                print(f"  {label:40} {name:36} max |Δ| {delta.max():.4f} ({steps.max():5.1f} steps)  mean |Δ| {delta.mean():.5f} ({steps.mean():.3f} steps)")
    return {"reference": "Pillow full decode of a 4032×3024 JPEG (quality 90, 4:2:0) through CLIPImageProcessorPil()", "rows": rows}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--skip-reduced", action="store_true", help="skip the reduced-decoding measurement")
    arguments = parser.parse_args()
    out = os.path.abspath(arguments.out)
    os.makedirs(out, exist_ok=True)

    processor = CLIPImageProcessorPil()
    manifest = {
        "generator": "Scripts/reference/make-clip-images.py",
        "versions": {"transformers": transformers.__version__, "pillow": PIL.__version__, "numpy": np.__version__, "scikit-image": skimage.__version__},
        "processor": "CLIPImageProcessorPil() defaults unless a case names a configuration folder",
        "recipe": "rings: red = x*255 // max(w-1,1), green = y*255 // max(h-1,1), blue = ((x*x + 3*y*y) >> shift) & 255",
        "pictures": [],
        "cases": [],
    }
    images = {}
    for name, file in make_sources(out):
        image = load_image(os.path.join(out, file))
        np.asarray(image, dtype=np.uint8).tofile(os.path.join(out, f"{name}.rgb"))
        manifest["pictures"].append({"name": name, "source": file, "rgb": f"{name}.rgb", "width": image.size[0], "height": image.size[1]})
        images[name] = image
    for name, width, height, shift in RECIPES:
        images[name] = PIL.Image.fromarray(recipe_pixels(width, height, shift))
        manifest["pictures"].append({"name": name, "recipe": "rings", "shift": shift, "width": width, "height": height})

    for picture in manifest["pictures"]:
        name = picture["name"]
        values = write_case(out, manifest, name, name, processor, images[name], store_float=(name == "photo"))
        print(f"{name:10} {picture['width']}×{picture['height']} -> {values.shape}")

    for name, picture, settings in CONFIGURATIONS:
        folder = os.path.join("configurations", name)
        os.makedirs(os.path.join(out, folder), exist_ok=True)
        with open(os.path.join(out, folder, "preprocessor_config.json"), "w") as file:
            json.dump(dict(settings, image_processor_type="CLIPImageProcessor"), file, indent=2)
            file.write("\n")
        configured = CLIPImageProcessorPil.from_pretrained(os.path.join(out, folder))
        values = write_case(out, manifest, f"{picture}.{name}", picture, configured, images[picture], config_folder=folder)
        print(f"{name:14} on {picture}: {values.shape}")

    # What load_image drops and a processor given the RGBA picture itself would use:
    # transformers composites transparency onto white in that case.
    rgba = PIL.Image.open(os.path.join(out, "alpha.png"))
    composite = pixel_values(processor, rgba)
    dropped = pixel_values(processor, images["alpha"])
    manifest["alpha_note"] = (
        "load_image drops alpha (convert('RGB')); passing the RGBA picture straight to the processor composites it on white "
        f"instead, and its pixel_values then differ by up to {float(np.abs(composite - dropped).max()):.3f}")

    if shutil.which("ffmpeg"):
        print("FFmpeg's decoding vs Pillow's:")
        manifest["ffmpeg_decoding"] = ffmpeg_decoding(out, processor, manifest)

    if not arguments.skip_reduced:
        print("reduced decoding vs full decoding, after preprocessing:")
        manifest["reduced_decoding"] = reduced_decoding(processor)

    with open(os.path.join(out, "manifest.json"), "w") as file:
        json.dump(manifest, file, indent=2, ensure_ascii=False)
        file.write("\n")
    total = sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(out) for name in names)
    print(f"wrote {out} ({total / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
