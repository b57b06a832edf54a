"""OpenCV direct timings on augury's bench fixtures, for `augury bench` (src/perf/opencv.ts).

Times the OpenCV call behind each op of the throughput table, on the same fixture images and one
thread, so augury can rescale the reference figures (measured on the development machine) by how
fast this machine runs OpenCV. Prints one JSON document:
{"opencv": "4.6.0", "ops": {"Rotate": {"500x375": 1234.5, ...}, ...}, "decode": {"jpeg-500x375-q90": 1266.0}}
Usage: python3 bench/opencv_ops.py FIXTURE_DIR BUDGET_MS
"""
import json
import math
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import cv2  # noqa: E402
import numpy as np  # noqa: E402

cv2.setNumThreads(1)
rng = np.random.default_rng(1)


def rate(fn, budget_s):
    """Median images/s of batches of calls after warm-up (the same rule as src/perf/timing.ts)."""
    for _ in range(3):
        fn()
    samples = []
    end = time.perf_counter() + budget_s
    while time.perf_counter() < end or len(samples) < 5:
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    samples.sort()
    return 1.0 / samples[len(samples) // 2]


def rotate(img):
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-45, 45), 1.0)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)


def affine(img):
    h, w = img.shape[:2]
    s = rng.uniform(0.9, 1.1)
    sh = math.tan(math.radians(rng.uniform(-10, 10)))
    tx, ty = rng.uniform(-0.1, 0.1) * w, rng.uniform(-0.1, 0.1) * h
    m = np.array([[s, s * sh, tx], [0, s, ty]], dtype=np.float64)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)


def perspective(img):
    h, w = img.shape[:2]
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = src + rng.uniform(0.05, 0.1, size=(4, 2)).astype(np.float32) * np.float32([w, h]) * rng.choice([-1, 1], size=(4, 2))
    m = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    return cv2.warpPerspective(img, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)


def rrc(img):
    h, w = img.shape[:2]
    area = h * w * rng.uniform(0.08, 1.0)
    ratio = math.exp(rng.uniform(math.log(3 / 4), math.log(4 / 3)))
    cw = min(w, int(round(math.sqrt(area * ratio))))
    ch = min(h, int(round(math.sqrt(area / ratio))))
    x, y = int(rng.integers(0, w - cw + 1)), int(rng.integers(0, h - ch + 1))
    return cv2.resize(img[y:y + ch, x:x + cw], (224, 224), interpolation=cv2.INTER_LINEAR)


def lut_of(fn):
    return np.clip(np.array([fn(v) for v in range(256)]), 0, 255).astype(np.uint8)


def brightness_contrast(img):
    a, b = 1 + rng.uniform(-0.2, 0.2), rng.uniform(-0.2, 0.2) * 255
    return cv2.LUT(img, lut_of(lambda v: v * a + b))


def gamma(img):
    g = rng.uniform(0.8, 1.2)
    return cv2.LUT(img, lut_of(lambda v: 255 * (v / 255) ** g))


def to_gray(img):
    return cv2.cvtColor(cv2.cvtColor(img, cv2.COLOR_RGB2GRAY), cv2.COLOR_GRAY2RGB)


POSTERIZE = lut_of(lambda v: v & 0xF0)
SOLARIZE = lut_of(lambda v: 255 - v if v >= 128 else v)


def equalize(img):
    return cv2.merge([cv2.equalizeHist(c) for c in cv2.split(img)])


def gauss_noise(img):
    noise = np.empty(img.shape, np.float32)
    cv2.randn(noise, 0, 10)
    return cv2.add(img.astype(np.float32), noise).clip(0, 255).astype(np.uint8)


def elastic(img):
    h, w = img.shape[:2]
    dx = cv2.GaussianBlur(rng.random((h, w), dtype=np.float32) * 2 - 1, (0, 0), 5) * 50
    dy = cv2.GaussianBlur(rng.random((h, w), dtype=np.float32) * 2 - 1, (0, 0), 5) * 50
    x, y = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    return cv2.remap(img, x + dx, y + dy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT_101)


def jpeg(img):
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 75])
    return cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)


MEAN = np.array([0.485, 0.456, 0.406], np.float32) * 255
STD = np.array([0.229, 0.224, 0.225], np.float32) * 255


def normalize(img):
    return (img.astype(np.float32) - MEAN) / STD


OPS = {
    "HorizontalFlip": lambda im: cv2.flip(im, 1),
    "VerticalFlip": lambda im: cv2.flip(im, 0),
    "Rotate": rotate,
    "Affine": affine,
    "RandomResizedCrop": rrc,
    "Resize": lambda im: cv2.resize(im, (224, 224), interpolation=cv2.INTER_LINEAR),
    "RandomBrightnessContrast": brightness_contrast,
    "RandomGamma": gamma,
    "ToGray": to_gray,
    "Posterize": lambda im: cv2.LUT(im, POSTERIZE),
    "Solarize": lambda im: cv2.LUT(im, SOLARIZE),
    "Equalize": equalize,
    "GaussianBlur": lambda im: cv2.GaussianBlur(im, (5, 5), 1.1),
    "GaussNoise": gauss_noise,
    "ElasticTransform": elastic,
    "Perspective": perspective,
    "JpegCompression": jpeg,
    "Normalize": normalize,
}


def main():
    folder, budget_s = sys.argv[1], float(sys.argv[2]) / 1000
    out = {"opencv": cv2.__version__, "ops": {}, "decode": {}}
    for size in ("500x375", "224x224"):
        found = [f for f in sorted(os.listdir(folder)) if f.endswith(f"-{size}-q90.jpg")]
        if not found:
            continue
        path = os.path.join(folder, found[0])
        img = cv2.cvtColor(cv2.imread(path, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
        for name, fn in OPS.items():
            out["ops"].setdefault(name, {})[size] = round(rate(lambda: fn(img), budget_s), 1)
        if size == "500x375":
            data = np.frombuffer(open(path, "rb").read(), np.uint8)
            out["decode"]["jpeg-500x375-q90"] = round(rate(lambda: cv2.imdecode(data, cv2.IMREAD_COLOR), budget_s), 1)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
