#!/usr/bin/env python3
"""The training step of DigitGAN written plainly in PyTorch, timed: the yardstick of issue 13.

The same network as gan-core's DcganModels at any width (Dense -> BN -> LReLU -> three transposed
convolutions; D: two strided convolutions with dropout -> Dense), the transposed convolutions
computed the way gan-core's TransposedConv2d computes them (phase kernels gathered from the full
kernel by a 0/1 matrix, one ordinary convolution, depth-to-space) and the same step: G through a
frozen D, then D on real and detached generated images, label smoothing, instance noise, Adam for
both. Timing is independent of pixel values, so the "real" batch is uniform noise in [-1, 1].

Prints one JSON line per width: {"impl":"pytorch", "width", "threads", "batch", "msPerStep", ...}.
    /usr/bin/python3 reference/pytorch_train_step.py --threads 2 --widths 1.0,0.5,0.25
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def channels(original, width):
    return max(1, round(original * width))


class PhaseTransposedConv2d(nn.Module):
    """ConvTranspose2d(in, out, k, stride, padding=ceil((k-s)/2), output_padding=s-1) via phases."""

    def __init__(self, cin, cout, kernel, stride):
        super().__init__()
        self.cout, self.k, self.s = cout, kernel, stride
        self.pad_before = (kernel - stride + 1) // 2
        d_min = min((r + self.pad_before - (kernel - 1) + stride - 1) // stride for r in range(stride))
        d_max = max((r + self.pad_before) // stride for r in range(stride))
        self.taps, self.conv_pad, self.d_min = d_max - d_min + 1, d_max, d_min
        self.weight = nn.Parameter(torch.empty(cin, cout, kernel, kernel))
        nn.init.xavier_uniform_(self.weight)
        t, s = self.taps, stride
        selection = torch.zeros(kernel * kernel, s * s * t * t)
        for rh in range(s):
            for rw in range(s):
                for th in range(t):
                    for tw in range(t):
                        kh, kw = self.kernel_index(rh, th), self.kernel_index(rw, tw)
                        if kh >= 0 and kw >= 0:
                            selection[kh * kernel + kw, ((rh * s + rw) * t + th) * t + tw] = 1.0
        self.register_buffer("selection", selection)

    def kernel_index(self, r, t):
        k = r + self.pad_before - self.s * (t + self.d_min)
        return k if 0 <= k < self.k else -1

    def forward(self, x):
        cin, s, t = self.weight.shape[0], self.s, self.taps
        gathered = self.weight.reshape(cin * self.cout, self.k * self.k) @ self.selection
        phase_kernels = gathered.reshape(cin, self.cout, s, s, t, t).permute(1, 2, 3, 0, 4, 5) \
            .reshape(self.cout * s * s, cin, t, t)
        phases = F.conv2d(x, phase_kernels, padding=self.conv_pad)
        n, _, h, w = x.shape
        return phases.reshape(n, self.cout, s, s, h, w).permute(0, 1, 4, 2, 5, 3).reshape(n, self.cout, h * s, w * s)


def generator(width, latent=100):
    c0, c1, c2 = channels(256, width), channels(128, width), channels(64, width)

    def bn(c, two_d=True):
        # Keras' momentum 0.99 is PyTorch's 0.01; epsilon 1e-3 as in the report
        return (nn.BatchNorm2d if two_d else nn.BatchNorm1d)(c, eps=1e-3, momentum=0.01)

    return nn.Sequential(
        nn.Linear(latent, c0 * 49, bias=False), bn(c0 * 49, False), nn.LeakyReLU(0.2),
        nn.Unflatten(1, (c0, 7, 7)),
        PhaseTransposedConv2d(c0, c1, 5, 1), bn(c1), nn.LeakyReLU(0.2),
        PhaseTransposedConv2d(c1, c2, 5, 2), bn(c2), nn.LeakyReLU(0.2),
        PhaseTransposedConv2d(c2, 1, 5, 2), nn.Tanh())


def discriminator(width):
    c1, c2 = channels(64, width), channels(128, width)
    return nn.Sequential(
        nn.Conv2d(1, c1, 5, 2, 2), nn.LeakyReLU(0.2), nn.Dropout(0.2),
        nn.Conv2d(c1, c2, 5, 2, 2), nn.LeakyReLU(0.2), nn.Dropout(0.2),
        nn.Flatten(), nn.Linear(c2 * 49, 1))


def with_noise(images, std):
    return images + std * torch.randn_like(images) if std > 0 else images


def time_width(width, batch, warmup, steps, noise_std=0.1):
    g, d = generator(width), discriminator(width)
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999), eps=1e-7)
    opt_d = torch.optim.Adam(d.parameters(), lr=1e-4, betas=(0.5, 0.999), eps=1e-7)
    real = torch.rand(batch, 1, 28, 28) * 2 - 1
    millis = []
    for i in range(warmup + steps):
        start = time.perf_counter()
        z = torch.randn(batch, 100)
        for p in d.parameters():
            p.requires_grad_(False)
        generated = g(z)
        logits = d(with_noise(generated, noise_std))
        g_loss = F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, 1.0))
        g_loss.backward()
        for p in d.parameters():
            p.requires_grad_(True)
        real_logits = d(with_noise(real, noise_std))
        fake_logits = d(with_noise(generated.detach(), noise_std))
        d_loss = F.binary_cross_entropy_with_logits(real_logits, torch.full_like(real_logits, 0.9)) \
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
        d_loss.backward()
        opt_g.step()
        opt_d.step()
        opt_g.zero_grad(set_to_none=True)
        opt_d.zero_grad(set_to_none=True)
        # the Java step reads the same four figures back
        g_loss.item(), d_loss.item(), torch.sigmoid(real_logits).mean().item(), torch.sigmoid(fake_logits).mean().item()
        if i >= warmup:
            millis.append((time.perf_counter() - start) * 1000)
    return statistics.median(millis)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--widths", default="1.0,0.5,0.25")
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    a = parser.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(a.seed)
    for width in (float(w) for w in a.widths.split(",")):
        ms = time_width(width, a.batch, a.warmup, a.steps)
        print(json.dumps({"impl": "pytorch", "torch": torch.__version__, "width": width, "threads": a.threads,
                          "batch": a.batch, "msPerStep": round(ms, 1), "timedSteps": a.steps}), flush=True)


if __name__ == "__main__":
    main()
