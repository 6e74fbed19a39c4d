"""PyTorch reference of DigitGAN's generator, for a model written by `./digitgan export`.

Builds the network from config.json (the report's DCGAN generator at the run's width), loads
model.safetensors into it and runs it. The service's images for the same latent vectors come out
within 1/255 per pixel (tested: generator-service's ReferenceModuleTest). Needs only PyTorch
(Debian: python3-torch) and the standard library; safetensors is read here, not by its package.

    python3 digitgan_generator.py EXPORT_DIR --seed 100 --count 16 --png digits.png
    python3 digitgan_generator.py EXPORT_DIR --latents z.f32 --count 16 --pixels out.u8

--seed gives the latents the service gives seeds seed, seed+1, ... (java.util.Random's Gaussians),
so `--seed 100 --count 16` draws what GET /api/v1/digits?count=16&seed=100 draws.
"""

import argparse
import json
import math
import struct
import sys
import zlib
from pathlib import Path

import torch
from torch import nn

FORMAT = "digitgan-dcgan-generator/1"


def build(config):
    """The generator as an nn.Sequential whose parameter names match the export's."""
    if config.get("format") != FORMAT:
        raise ValueError(f"config.json is {config.get('format')!r}, not {FORMAT!r}")
    c0, c1, c2 = config["channels"]
    k = config["kernelSize"]
    slope = config["leakySlope"]
    eps = config["batchNormEpsilon"]
    start = config["imageSize"] // 4

    def up(cin, cout, stride):
        # "same" output (input x stride), as DigitGAN's TransposedConv2d pads it
        pad = (k - stride + 1) // 2
        return nn.ConvTranspose2d(cin, cout, k, stride, padding=pad, output_padding=stride + 2 * pad - k, bias=False)

    return nn.Sequential(
        nn.Linear(config["latentSize"], c0 * start * start, bias=False),  # 0
        nn.BatchNorm1d(c0 * start * start, eps=eps),  # 1
        nn.LeakyReLU(slope),  # 2
        nn.Unflatten(1, (c0, start, start)),  # 3
        up(c0, c1, config["strides"][0]),  # 4
        nn.BatchNorm2d(c1, eps=eps),  # 5
        nn.LeakyReLU(slope),  # 6
        up(c1, c2, config["strides"][1]),  # 7
        nn.BatchNorm2d(c2, eps=eps),  # 8
        nn.LeakyReLU(slope),  # 9
        up(c2, 1, config["strides"][2]),  # 10
        nn.Tanh(),  # 11
    )


def read_safetensors(path):
    """{name: float32 tensor} of a safetensors file."""
    data = Path(path).read_bytes()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    body = data[8 + length:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if entry["dtype"] != "F32":
            raise ValueError(f"{name} is {entry['dtype']}, not F32")
        begin, end = entry["data_offsets"]
        tensors[name] = torch.frombuffer(bytearray(body[begin:end]), dtype=torch.float32).reshape(entry["shape"])
    return tensors


def load(export_dir):
    """The exported generator, in inference mode, and its config."""
    export_dir = Path(export_dir)
    config = json.loads((export_dir / "config.json").read_text())
    model = build(config)
    state = read_safetensors(export_dir / "model.safetensors")
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [m for m in missing if not m.endswith("num_batches_tracked")]
    if missing or unexpected:
        raise ValueError(f"the export does not fit the network: missing {missing}, unexpected {unexpected}")
    return model.eval(), config


class JavaRandom:
    """java.util.Random: its 48-bit LCG and nextGaussian (Marsaglia's polar method)."""

    MULTIPLIER = 0x5DEECE66D
    MASK = (1 << 48) - 1

    def __init__(self, seed):
        self.seed = (seed ^ self.MULTIPLIER) & self.MASK
        self.spare = None

    def next(self, bits):
        self.seed = (self.seed * self.MULTIPLIER + 0xB) & self.MASK
        value = self.seed >> (48 - bits)
        return value - (1 << 32) if value >= 1 << 31 else value  # Java's (int) cast

    def next_double(self):
        return ((self.next(26) << 27) + self.next(27)) * (1.0 / (1 << 53))

    def next_gaussian(self):
        if self.spare is not None:
            spare, self.spare = self.spare, None
            return spare
        while True:
            v1 = 2 * self.next_double() - 1
            v2 = 2 * self.next_double() - 1
            s = v1 * v1 + v2 * v2
            if 0 < s < 1:
                break
        multiplier = math.sqrt(-2 * math.log(s) / s)
        self.spare = v2 * multiplier
        return v1 * multiplier


def seed_latents(seed, count, size):
    """The service's latents of seeds seed .. seed+count-1, (count, size) float32."""
    rows = []
    for i in range(count):
        random = JavaRandom(seed + i)
        rows.append([random.next_gaussian() for _ in range(size)])
    return torch.tensor(rows, dtype=torch.float32)


def generate(model, latents):
    """(count, 28, 28) uint8 images, as the service quantises them: round((v + 1) * 127.5)."""
    with torch.no_grad():
        images = model(latents)[:, 0]
    return torch.floor((images.clamp(-1, 1) + 1) * 127.5 + 0.5).to(torch.uint8)


def write_png(path, pixels, columns=8):
    """A grid of the images, 2-pixel black gutters, as a grayscale PNG (standard library only)."""
    count, size, _ = pixels.shape
    columns = min(columns, count)
    rows = (count + columns - 1) // columns
    width, height = 2 + columns * (size + 2), 2 + rows * (size + 2)
    grid = torch.zeros((height, width), dtype=torch.uint8)
    for n in range(count):
        y, x = 2 + (n // columns) * (size + 2), 2 + (n % columns) * (size + 2)
        grid[y:y + size, x:x + size] = pixels[n]
    raw = b"".join(b"\x00" + bytes(grid[y].tolist()) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    Path(path).write_bytes(png + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def main(argv=None):
    parser = argparse.ArgumentParser(description="Run a DigitGAN generator exported with ./digitgan export.")
    parser.add_argument("export_dir")
    parser.add_argument("--count", type=int, default=16)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--seed", type=int, help="the service's latents of seeds seed, seed+1, ...")
    source.add_argument("--latents", help="a file of count x latentSize float32 values (little-endian)")
    parser.add_argument("--png", help="write the images as a grid PNG")
    parser.add_argument("--pixels", help="write the images as count x 28 x 28 bytes")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    model, config = load(args.export_dir)
    size = config["latentSize"]
    if args.seed is not None:
        latents = seed_latents(args.seed, args.count, size)
    else:
        values = Path(args.latents).read_bytes()
        if len(values) != 4 * args.count * size:
            parser.error(f"{args.latents} has {len(values)} bytes, not {args.count} x {size} float32 values")
        latents = torch.frombuffer(bytearray(values), dtype=torch.float32).reshape(args.count, size)
    pixels = generate(model, latents)
    if args.png:
        write_png(args.png, pixels)
    if args.pixels:
        Path(args.pixels).write_bytes(bytes(pixels.flatten().tolist()))
    print(f"{args.count} images from {config['run']} epoch {config['epoch']} ({config['weights']} weights)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
