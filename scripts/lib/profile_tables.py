"""Markdown tables from StepProfile's JSON lines (scripts/profile-step.sh): phases per recipe and
width, then layers per recipe and width. Standard library only."""
import json
import sys
from collections import OrderedDict


def main(path):
    rows = [json.loads(line) for line in open(path) if line.startswith("{")]
    runs = list(OrderedDict.fromkeys((r["recipe"], r["width"], r["batch"]) for r in rows))
    heads = [f"{recipe} w{width:g} b{batch}" for recipe, width, batch in runs]

    print("Phases of one step: median ms over the timed steps (share of the sum of the medians):\n")
    print("| phase | " + " | ".join(heads) + " |")
    print("|---" * (len(runs) + 1) + "|")
    phases = list(OrderedDict.fromkeys(r["phase"] for r in rows if r["profile"] == "phase"))
    for phase in phases:
        cells = []
        for run in runs:
            hit = [r for r in rows if r["profile"] == "phase" and (r["recipe"], r["width"], r["batch"]) == run
                   and r["phase"] == phase]
            cells.append(f"{hit[0]['medianMs']:.2f} ({100 * hit[0]['share']:.0f} %)" if hit else "–")
        print(f"| {phase} | " + " | ".join(cells) + " |")
    for label, key, fmt in (("sum of the phase medians", "sumOfPhaseMediansMs", "{:.1f}"),
                            ("median step (its own clock)", "medianStepMs", "{:.1f}"),
                            ("native arrays made per step", "arraysPerStep", "{:.0f}")):
        cells = []
        for run in runs:
            hit = [r for r in rows if r["profile"] == "step" and (r["recipe"], r["width"], r["batch"]) == run]
            cells.append(fmt.format(hit[0][key]) if hit else "–")
        print(f"| **{label}** | " + " | ".join(cells) + " |")

    print("\nLayers alone, forward / backward ms (GFLOP/s of the forward where the layer computes):\n")
    print("| model | layer | output at batch 128 | " + " | ".join(heads) + " |")
    print("|---" * (len(runs) + 3) + "|")
    first = runs[0]
    for layer in (r for r in rows if r["profile"] == "layer" and (r["recipe"], r["width"], r["batch"]) == first):
        cells = []
        for run in runs:
            hit = [r for r in rows if r["profile"] == "layer" and (r["recipe"], r["width"], r["batch"]) == run
                   and r["model"] == layer["model"] and r["index"] == layer["index"]]
            if not hit:
                cells.append("–")
                continue
            h = hit[0]
            rate = f" ({h['gflop'] / (h['forwardMs'] / 1000):.0f})" if h["gflop"] > 0 and h["forwardMs"] > 0 else ""
            cells.append(f"{h['forwardMs']:.2f} / {h['backwardMs']:.2f}{rate}")
        print(f"| {layer['model']} | {layer['index']} {layer['layer']} | {layer['output']} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1])
