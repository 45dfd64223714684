"""Draw the application icon (resources/icons/loket-pbi.png and .ico) with Pillow."""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"


def draw(size: int = 256) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    r = size // 6
    d.rounded_rectangle((4, 4, size - 4, size - 4), radius=r, fill=(0, 105, 92, 255))
    # A shield-like cross (health insurance) and the word PBI.
    c = size // 2
    arm, thick = size // 5, size // 14
    d.rectangle((c - thick, size * 0.18, c + thick, size * 0.18 + 2 * arm), fill=(255, 255, 255, 255))
    d.rectangle((c - arm, size * 0.18 + arm - thick, c + arm, size * 0.18 + arm + thick), fill=(255, 255, 255, 255))
    try:
        font = ImageFont.truetype("DejaVuSans-Bold.ttf", size // 4)
    except OSError:
        font = ImageFont.load_default()
    text = "PBI"
    box = d.textbbox((0, 0), text, font=font)
    d.text(((size - (box[2] - box[0])) / 2, size * 0.62), text, font=font, fill=(255, 255, 255, 255))
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    img = draw()
    img.save(OUT / "loket-pbi.png")
    img.save(OUT / "loket-pbi.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    print(OUT)


if __name__ == "__main__":
    main()
