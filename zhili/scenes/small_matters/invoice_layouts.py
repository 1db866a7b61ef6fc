"""The seven invoice types of the seed, drawn as images with Pillow, for the tests and the benchmark of the invoice
check (发票查验).

The seed (浙江 发改委) names seven types recognised by image: 通用机打发票, 电子发票, 增值税普通发票, 机动车销售发票,
二手车发票, 手工定额发票 and 出租车发票. Each layout here keeps the labels and the arrangement of the real form (the
VAT invoice's QR code, code and number at the top right, buyer above the goods table, 价税合计 in words and figures,
the seller below; the taxi ticket's narrow roll; the quota invoice's large denomination) with random but realistic
values. ``degrade`` then makes a photo of it: a small rotation, blur, sensor noise and JPEG compression.

Each rendered invoice carries its truth: the fields as ``invoices.recognise_image`` reports them (digits as strings,
dates ISO, amounts as plain decimals with two places).
"""

import datetime as dt
import io
import random
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFilter, ImageFont

KINDS = ("vat", "e_invoice", "general", "motor", "used_car", "quota", "taxi")
INK, RED, BROWN = (25, 25, 30), (190, 40, 40), (150, 80, 30)
VIN_CHARS = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"
_VIN_VALUE = {**{str(d): d for d in range(10)},
              **dict(zip("ABCDEFGH", range(1, 9), strict=True)), **dict(zip("JKLMN", range(1, 6), strict=True)),
              "P": 7, "R": 9, **dict(zip("STUVWXYZ", range(2, 10), strict=True))}
_VIN_WEIGHT = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
CITIES = ("杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水", "建德", "淳安", "义乌")
TRADES = ("纺织", "电子科技", "建材", "食品", "机械制造", "物流", "商贸", "文化传媒", "医疗器械", "包装材料", "茶业",
          "服装", "五金", "信息技术", "餐饮管理", "汽车销售", "新材料", "农业开发")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红晓梅海燕斌鹏宇浩然欣怡"
GOODS = (("*纺织产品*棉布", "米"), ("*电子元件*电容器", "个"), ("*办公用品*打印纸", "箱"), ("*餐饮服务*餐费", "次"),
         ("*信息技术服务*软件维护费", "项"), ("*建筑材料*水泥", "吨"), ("*茶叶*西湖龙井", "千克"),
         ("*五金制品*不锈钢螺栓", "套"), ("*运输服务*货物运输费", "次"))
CARS = (("比亚迪牌BYD7152WT6HEVC1", "轿车", "深圳"), ("吉利牌MR7153D01", "轿车", "宁波"),
        ("大众汽车牌SVW71512BU", "轿车", "上海"), ("长安牌SC6469BAB6", "多用途乘用车", "重庆"),
        ("零跑牌LFZ6480B1BEV", "纯电动多用途乘用车", "金华"))
PLATE_LETTERS = "ABCDEFGHJKL"


@dataclass
class Rendered:
    """One drawn invoice: its type, the picture and the fields it shows."""

    kind: str
    image: Image.Image
    truth: dict = field(default_factory=dict)

    def png(self) -> bytes:
        out = io.BytesIO()
        self.image.save(out, "PNG")
        return out.getvalue()

    def jpeg(self, quality: int = 85) -> bytes:
        out = io.BytesIO()
        self.image.convert("RGB").save(out, "JPEG", quality=quality)
        return out.getvalue()


@lru_cache(maxsize=32)
def _font(size: int) -> ImageFont.FreeTypeFont:
    from zhili.core.esign.api import cjk_font_path

    return ImageFont.truetype(str(cjk_font_path()), size)


# ------------------------------------------------------------------ values


def amount_in_words(amount: Decimal) -> str:
    """1234.56 → 壹仟贰佰叁拾肆圆伍角陆分 (the form printed on Chinese invoices)."""
    digits, units, big = "零壹贰叁肆伍陆柒捌玖", ("", "拾", "佰", "仟"), ("", "万", "亿")
    cents = int((amount * 100).to_integral_value())
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    words, zero = "", False
    text = str(yuan) if yuan else ""
    for index, char in enumerate(text):
        place = len(text) - 1 - index
        if char == "0":
            zero = True
        else:
            words += ("零" if zero else "") + digits[int(char)] + units[place % 4]
            zero = False
        if place % 4 == 0 and place and yuan // 10 ** place % 10_000:
            words += big[place // 4]
    if words:
        words += "圆"
    if jiao:
        words += digits[jiao] + "角"
    elif fen and words:
        words += "零"
    if fen:
        words += digits[fen] + "分"
    return words + ("整" if not jiao and not fen else "") if words else "零圆整"


def vin_check_digit(vin: str) -> str:
    """The check digit (9th character) of a 17-character VIN (GB 16735 / ISO 3779)."""
    total = sum(_VIN_VALUE[c] * w for c, w in zip(vin, _VIN_WEIGHT, strict=True))
    return "X" if total % 11 == 10 else str(total % 11)


def _vin(rng: random.Random) -> str:
    body = "L" + "".join(rng.choice(VIN_CHARS) for _ in range(16))
    return body[:8] + vin_check_digit(body[:8] + "0" + body[9:]) + body[9:]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _company(rng: random.Random) -> str:
    return f"{rng.choice(CITIES)}{rng.choice(['市', ''])}{rng.choice(['宏远', '新安', '恒达', '瑞丰', '华康', '明珠', '青山', '东方', '金桥', '万通'])}{rng.choice(TRADES)}有限公司"


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _party(rng: random.Random) -> str:
    return _company(rng) if rng.random() < 0.75 else _person(rng)


def _date(rng: random.Random) -> dt.date:
    return dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 600))


def _money(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(f"{rng.uniform(low, high):.2f}")


def _uscc(rng: random.Random) -> str:
    return "9133" + _digits(rng, 4) + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(10))


def _fmt(amount: Decimal) -> str:
    return f"{amount:.2f}"


# ------------------------------------------------------------------ drawing


class _Sheet:
    def __init__(self, width: int, height: int, paper=(252, 252, 247)):
        self.image = Image.new("RGB", (width, height), paper)
        self.draw = ImageDraw.Draw(self.image)

    def text(self, xy, text, size=22, colour=INK, anchor="la"):
        self.draw.text(xy, text, font=_font(size), fill=colour, anchor=anchor)

    def box(self, xy, colour=BROWN, width=2):
        self.draw.rectangle(xy, outline=colour, width=width)

    def line(self, xy, colour=BROWN, width=2):
        self.draw.line(xy, fill=colour, width=width)

    def qr(self, content: str, xy, scale=3):
        import segno

        out = io.BytesIO()
        segno.make(content, error="m", micro=False).save(out, kind="png", scale=scale, border=2)
        out.seek(0)
        self.image.paste(Image.open(out).convert("RGB"), xy)

    def pairs(self, rows, *, top: int, pitch: int = 60):
        """Label–value pairs in two columns, a rule under each row (the vehicle invoices' grid)."""
        for i, (left, right) in enumerate(rows):
            y = top + i * pitch
            self.text((45, y), left, 22)
            self.text((760, y), right, 22)
            self.line((30, y + 45, 1370, y + 45))

    def title(self, text, y=30, size=40, colour=BROWN):
        self.text((self.image.width // 2, y), text, size=size, colour=colour, anchor="ma")
        w = self.draw.textlength(text, font=_font(size))
        x0 = self.image.width // 2 - w / 2
        self.line((x0, y + size + 10, x0 + w, y + size + 10), colour)
        self.line((x0, y + size + 15, x0 + w, y + size + 15), colour)


def _vat_qr(kind_code: str, code: str, number: str, amount: Decimal, date: dt.date, check: str, rng) -> str:
    """The QR payload printed on VAT invoices: version, type, code, number, amount (without tax; 全电: total), date,
    check code, a hash — comma separated."""
    return ",".join(["01", kind_code, code, number, _fmt(amount), date.strftime("%Y%m%d"), check,
                     "".join(rng.choice("0123456789ABCDEF") for _ in range(4)), ""])


def _goods(rng, rate: Decimal):
    lines = []
    for _ in range(rng.choice((1, 1, 2))):
        name, unit = rng.choice(GOODS)
        qty = rng.randint(1, 40)
        price = _money(rng, 8, 900)
        amount = (price * qty).quantize(Decimal("0.01"))
        lines.append((name, unit, qty, price, amount, (amount * rate).quantize(Decimal("0.01"))))
    return lines


def _vat(rng: random.Random) -> Rendered:
    special = rng.random() < 0.3
    s = _Sheet(1400, 860)
    province = "浙江"
    s.title(f"{province}增值税{'专用' if special else '普通'}发票", y=40)
    s.text((620, 100), "发 票 联", 20, BROWN)
    code = ("33" + _digits(rng, 2) + "25" + _digits(rng, 1) + "130") if special else ("0" + "33" + _digits(rng, 2) + "25" + _digits(rng, 1) + "11" + _digits(rng, 2))
    number = _digits(rng, 8)
    date = _date(rng)
    check = "" if special else _digits(rng, 20)
    buyer, seller = _party(rng), _company(rng)
    rate = Decimal(rng.choice(("0.13", "0.09", "0.06", "0.03", "0.01")))
    goods = _goods(rng, rate)
    amount = sum(g[4] for g in goods)
    tax = sum(g[5] for g in goods)
    total = amount + tax
    s.qr(_vat_qr("01" if special else "04", code, number, amount, date, check, rng), (40, 30))
    s.text((1000, 40), f"发票代码：{code}", 22)
    s.text((1000, 75), f"发票号码：{number}", 22)
    s.text((1000, 110), f"开票日期：{date.year}年{date.month:02d}月{date.day:02d}日", 22)
    if check:
        s.text((1000, 145), f"校 验 码：{' '.join(check[i:i + 5] for i in range(0, 20, 5))}", 20)
    s.text((40, 160), f"机器编号：{_digits(rng, 12)}", 20)
    s.box((30, 195, 1370, 800))
    s.line((30, 345, 1370, 345))
    s.line((30, 560, 1370, 560))
    s.line((30, 620, 1370, 620))
    s.line((30, 680, 1370, 680))
    s.line((80, 195, 80, 345))
    s.line((830, 195, 830, 345))
    s.line((80, 680, 80, 800))
    s.text((42, 225), "购", 22, BROWN)
    s.text((42, 260), "买", 22, BROWN)
    s.text((42, 295), "方", 22, BROWN)
    s.text((95, 210), f"名      称：{buyer}", 22)
    s.text((95, 245), f"纳税人识别号：{_uscc(rng) if len(buyer) > 4 else ''}", 22)
    s.text((95, 280), f"地 址、电 话：{rng.choice(CITIES)}市{rng.choice(['解放路', '人民路', '中山路'])}{rng.randint(1, 300)}号 0571-{_digits(rng, 8)}", 20)
    s.text((95, 312), f"开户行及账号：中国工商银行{rng.choice(CITIES)}支行 {_digits(rng, 19)}", 20)
    s.text((845, 205), "密", 20, BROWN)
    for i in range(4):
        s.text((880, 210 + i * 32), "".join(rng.choice("0123456789+-*/<>") for _ in range(27)), 20)
    head = ("货物或应税劳务、服务名称", "规格型号", "单位", "数量", "单价", "金额", "税率", "税额")
    xs = (45, 400, 540, 620, 720, 880, 1060, 1170)
    for x, h in zip(xs, head, strict=True):
        s.text((x, 355), h, 20, BROWN)
    for row, (name, unit, qty, price, amt, tx) in enumerate(goods):
        y = 395 + row * 36
        for x, value in zip(xs, (name, "", unit, str(qty), _fmt(price), _fmt(amt), f"{int(rate * 100)}%", _fmt(tx)),
                            strict=True):
            s.text((x, y), value, 20)
    s.text((150, 575), "合    计", 22, BROWN)
    s.text((880, 575), f"¥{_fmt(amount)}", 22)
    s.text((1170, 575), f"¥{_fmt(tax)}", 22)
    s.text((45, 637), "价税合计（大写）", 22, BROWN)
    s.text((260, 637), f"ⓧ{amount_in_words(total)}", 22)
    s.text((950, 637), f"（小写）¥{_fmt(total)}", 22)
    s.text((42, 700), "销", 22, BROWN)
    s.text((42, 735), "售", 22, BROWN)
    s.text((42, 770), "方", 22, BROWN)
    s.text((95, 695), f"名      称：{seller}", 22)
    s.text((95, 730), f"纳税人识别号：{_uscc(rng)}", 22)
    s.text((95, 765), f"开户行及账号：中国农业银行{rng.choice(CITIES)}分行 {_digits(rng, 19)}", 20)
    s.text((60, 815), f"收款人：{_person(rng)}    复核：{_person(rng)}    开票人：{_person(rng)}    销售方：（章）", 20)
    truth = {"code": code, "number": number, "date": date.isoformat(), "buyer": buyer, "seller": seller,
             "amount": _fmt(amount), "tax": _fmt(tax), "total": _fmt(total), "total_in_words": amount_in_words(total)}
    if check:
        truth["check_code"] = check
    return Rendered("vat", s.image, truth)


def _e_invoice(rng: random.Random) -> Rendered:
    special = rng.random() < 0.3
    s = _Sheet(1400, 820, (255, 255, 255))
    s.title(f"电子发票（{'增值税专用发票' if special else '普通发票'}）", y=40, colour=RED)
    date = _date(rng)
    number = f"{date.year % 100:02d}33{rng.choice('2345')}{_digits(rng, 15)}"
    buyer, seller = _party(rng), _company(rng)
    rate = Decimal(rng.choice(("0.13", "0.06", "0.01")))
    goods = _goods(rng, rate)
    amount, tax = sum(g[4] for g in goods), sum(g[5] for g in goods)
    total = amount + tax
    s.qr(_vat_qr("31" if special else "32", "", number, total, date, "", rng), (40, 25))
    s.text((980, 60), f"发票号码：{number}", 22)
    s.text((980, 100), f"开票日期：{date.year}年{date.month:02d}月{date.day:02d}日", 22)
    s.box((30, 170, 1370, 760), RED)
    s.line((700, 170, 700, 300), RED)
    s.line((30, 300, 1370, 300), RED)
    s.line((30, 540, 1370, 540), RED)
    s.line((30, 600, 1370, 600), RED)
    s.line((30, 660, 1370, 660), RED)
    s.text((45, 190), "购买方信息", 20, RED)
    s.text((160, 215), f"名称：{buyer}", 22)
    s.text((160, 255), f"统一社会信用代码/纳税人识别号：{_uscc(rng) if len(buyer) > 4 else ''}", 18)
    s.text((715, 190), "销售方信息", 20, RED)
    s.text((830, 215), f"名称：{seller}", 22)
    s.text((830, 255), f"统一社会信用代码/纳税人识别号：{_uscc(rng)}", 18)
    xs = (45, 400, 520, 600, 700, 860, 1050, 1170)
    for x, h in zip(xs, ("项目名称", "规格型号", "单位", "数量", "单价", "金额", "税率/征收率", "税额"), strict=True):
        s.text((x, 310), h, 20, RED)
    for row, (name, unit, qty, price, amt, tx) in enumerate(goods):
        for x, value in zip(xs, (name, "", unit, str(qty), _fmt(price), _fmt(amt), f"{int(rate * 100)}%", _fmt(tx)),
                            strict=True):
            s.text((x, 350 + row * 36), value, 20)
    s.text((80, 557), "合      计", 22, RED)
    s.text((860, 557), f"¥{_fmt(amount)}", 22)
    s.text((1170, 557), f"¥{_fmt(tax)}", 22)
    s.text((45, 617), "价税合计（大写）", 22, RED)
    s.text((260, 617), f"ⓧ{amount_in_words(total)}", 22)
    s.text((950, 617), f"（小写）¥{_fmt(total)}", 22)
    s.text((45, 680), "备注", 20, RED)
    s.text((60, 775), f"开票人：{_person(rng)}", 20, RED)
    truth = {"number": number, "date": date.isoformat(), "buyer": buyer, "seller": seller, "amount": _fmt(amount),
             "tax": _fmt(tax), "total": _fmt(total), "total_in_words": amount_in_words(total)}
    return Rendered("e_invoice", s.image, truth)


def _general(rng: random.Random) -> Rendered:
    s = _Sheet(1200, 760)
    s.title("浙江省通用机打发票", y=35)
    s.text((560, 95), "发 票 联", 20, BROWN)
    code = "1330" + _digits(rng, 2) + "25" + _digits(rng, 4)
    number = _digits(rng, 8)
    date = _date(rng)
    buyer, seller = _party(rng), _company(rng)
    items = [(rng.choice(("服务费", "维修费", "培训费", "会务费", "场地租赁费", "住宿费")), _money(rng, 20, 3000))
             for _ in range(rng.choice((1, 2)))]
    total = sum(a for _n, a in items)
    s.text((40, 150), f"发票代码：{code}", 22)
    s.text((820, 150), f"发票号码：{number}", 22)
    s.text((40, 190), f"开票日期：{date.isoformat()}", 22)
    s.text((820, 190), f"行业分类：{rng.choice(('服务业', '商业', '娱乐业'))}", 22)
    s.box((30, 230, 1170, 660))
    s.text((45, 245), f"付款方名称：{buyer}", 22)
    s.text((45, 290), f"收款方名称：{seller}", 22)
    s.text((45, 335), f"收款方识别号：{_uscc(rng)}", 22)
    s.line((30, 375, 1170, 375))
    for x, h in ((45, "项目"), (520, "单价"), (720, "数量"), (950, "金额")):
        s.text((x, 385), h, 20, BROWN)
    for row, (name, amt) in enumerate(items):
        s.text((45, 425 + row * 36), name, 20)
        s.text((520, 425 + row * 36), _fmt(amt), 20)
        s.text((720, 425 + row * 36), "1", 20)
        s.text((950, 425 + row * 36), _fmt(amt), 20)
    s.line((30, 540, 1170, 540))
    s.text((45, 555), f"合计金额（大写）：{amount_in_words(total)}", 22)
    s.text((45, 605), f"合计金额（小写）：¥{_fmt(total)}", 22)
    s.text((45, 680), f"开票人：{_person(rng)}", 20)
    s.text((700, 680), "收款单位（盖章有效）", 20, BROWN)
    truth = {"code": code, "number": number, "date": date.isoformat(), "buyer": buyer, "seller": seller,
             "total": _fmt(total), "total_in_words": amount_in_words(total)}
    return Rendered("general", s.image, truth)


def _motor(rng: random.Random) -> Rendered:
    s = _Sheet(1400, 900)
    s.title("机动车销售统一发票", y=35)
    s.text((640, 95), "发 票 联", 20, BROWN)
    code = "1330" + _digits(rng, 2) + "25" + _digits(rng, 4)
    number = _digits(rng, 8)
    date = _date(rng)
    buyer, seller = _person(rng) if rng.random() < 0.7 else _company(rng), _company(rng)
    model, category, origin = rng.choice(CARS)
    vin = _vin(rng)
    total = Decimal(rng.randrange(60_000, 350_000) * 100) / 100
    rate = Decimal("0.13")
    amount = (total / (1 + rate)).quantize(Decimal("0.01"))
    tax = total - amount
    s.qr(_vat_qr("03", code, number, amount, date, "", rng), (40, 25))
    s.text((1000, 40), f"发票代码：{code}", 22)
    s.text((1000, 75), f"发票号码：{number}", 22)
    s.text((1000, 110), f"开票日期：{date.year}年{date.month:02d}月{date.day:02d}日", 22)
    s.text((40, 175), f"机器编号：{_digits(rng, 12)}", 20)
    s.box((30, 210, 1370, 840))
    rows = [
        (f"购买方名称及身份证号码/组织机构代码：{buyer}", f"纳税人识别号：{_digits(rng, 18)}"),
        (f"车辆类型：{category}", f"厂牌型号：{model}"),
        (f"产地：{origin}", f"合格证号：W{_digits(rng, 14)}"),
        (f"发动机号码：{_digits(rng, 8)}", f"车辆识别代号/车架号码：{vin}"),
    ]
    s.pairs(rows, top=225)
    s.text((45, 470), "价税合计", 22, BROWN)
    s.text((200, 470), f"ⓧ{amount_in_words(total)}", 22)
    s.text((950, 470), f"小写 ¥{_fmt(total)}", 22)
    s.line((30, 515, 1370, 515))
    s.text((45, 530), f"销货单位名称：{seller}", 22)
    s.text((45, 575), f"纳税人识别号：{_uscc(rng)}", 22)
    s.line((30, 620, 1370, 620))
    s.text((45, 640), "增值税税率或征收率：13%", 22)
    s.text((500, 640), f"增值税税额：¥{_fmt(tax)}", 22)
    s.text((900, 640), f"不含税价：小写 ¥{_fmt(amount)}", 22)
    s.line((30, 690, 1370, 690))
    s.text((45, 710), f"主管税务机关及代码：国家税务总局{rng.choice(CITIES)}市税务局 1330{_digits(rng, 7)}", 20)
    s.text((45, 860), f"销货单位盖章    开票人：{_person(rng)}", 20)
    truth = {"code": code, "number": number, "date": date.isoformat(), "buyer": buyer, "seller": seller,
             "amount": _fmt(amount), "tax": _fmt(tax), "total": _fmt(total), "total_in_words": amount_in_words(total),
             "vin": vin}
    return Rendered("motor", s.image, truth)


def _used_car(rng: random.Random) -> Rendered:
    s = _Sheet(1400, 860)
    s.title("二手车销售统一发票", y=35)
    s.text((640, 95), "发 票 联", 20, BROWN)
    code = "1330" + _digits(rng, 2) + "25" + _digits(rng, 4)
    number = _digits(rng, 8)
    date = _date(rng)
    buyer, seller = _party(rng), _person(rng)
    model, _category, _origin = rng.choice(CARS)
    vin = _vin(rng)
    total = Decimal(rng.randrange(15_000, 200_000) * 100) / 100
    market = _company(rng).replace("有限公司", "二手车交易市场有限公司")
    s.text((40, 140), f"发票代码：{code}", 22)
    s.text((1000, 140), f"发票号码：{number}", 22)
    s.text((40, 180), f"开票日期：{date.year}年{date.month:02d}月{date.day:02d}日", 22)
    s.text((1000, 180), f"机器编号：{_digits(rng, 12)}", 20)
    s.box((30, 220, 1370, 800))
    rows = [
        (f"买方单位/个人：{buyer}", f"单位代码/身份证号码：{_digits(rng, 6)}********{_digits(rng, 4)}"),
        (f"卖方单位/个人：{seller}", f"单位代码/身份证号码：{_digits(rng, 6)}********{_digits(rng, 4)}"),
        (f"车牌照号：浙{rng.choice(PLATE_LETTERS)}{_digits(rng, 5)}", f"登记证号：{_digits(rng, 12)}"),
        (f"车辆识别代号/车架号码：{vin}", f"厂牌型号：{model}"),
    ]
    s.pairs(rows, top=235)
    s.text((45, 480), f"车价合计（大写）：{amount_in_words(total)}", 22)
    s.text((950, 480), f"小写：¥{_fmt(total)}", 22)
    s.line((30, 525, 1370, 525))
    s.text((45, 545), f"经营、拍卖单位：{market}", 22)
    s.text((45, 600), f"二手车市场：{market}", 22)
    s.text((45, 815), f"开票人：{_person(rng)}", 20)
    truth = {"code": code, "number": number, "date": date.isoformat(), "buyer": buyer, "seller": seller,
             "total": _fmt(total), "total_in_words": amount_in_words(total), "vin": vin}
    return Rendered("used_car", s.image, truth)


def _quota(rng: random.Random) -> Rendered:
    s = _Sheet(760, 460, (245, 248, 252))
    value = Decimal(rng.choice((1, 2, 5, 10, 20, 50, 100)))
    code = "133" + _digits(rng, 3) + "25" + _digits(rng, 4)
    number = _digits(rng, 8)
    s.title("浙江省通用定额发票", y=25, size=34, colour=(40, 70, 160))
    s.text((330, 80), "发 票 联", 20, (40, 70, 160))
    s.text((40, 130), f"发票代码：{code}", 22)
    s.text((40, 170), f"发票号码：{number}", 22)
    words = amount_in_words(value).removesuffix("整")
    s.text((380, 230), words, 64, RED, anchor="ma")
    s.text((380, 320), f"¥{_fmt(value)}", 30, RED, anchor="ma")
    s.text((40, 400), "收款单位（盖章）", 20, (40, 70, 160))
    truth = {"code": code, "number": number, "total": _fmt(value), "total_in_words": words}
    return Rendered("quota", s.image, truth)


def _taxi(rng: random.Random) -> Rendered:
    s = _Sheet(520, 900, (250, 250, 250))
    code = "133" + _digits(rng, 3) + "25" + _digits(rng, 4)
    number = _digits(rng, 8)
    date = _date(rng)
    start = dt.datetime.combine(date, dt.time(rng.randint(6, 22), rng.randint(0, 59)))
    ride = rng.randint(6, 55)
    distance = Decimal(f"{rng.uniform(2, 30):.1f}")
    price = Decimal("2.50")
    wait = rng.randint(0, 400)
    total = max(Decimal("11.00"), (Decimal("11.00") + max(Decimal(0), distance - 3) * price
                                   + Decimal(wait // 60) * Decimal("0.50")).quantize(Decimal("1")))
    city = rng.choice(CITIES[:11])
    plate = f"浙{rng.choice(PLATE_LETTERS)}T{_digits(rng, 4)}"
    s.text((260, 30), f"{city}市出租汽车", 28, anchor="ma")
    s.text((260, 70), "专用发票", 28, anchor="ma")
    lines = [f"发票代码：{code}", f"发票号码：{number}", f"监督电话：0571-{_digits(rng, 8)}", f"车号：{plate}",
             f"证号：{_digits(rng, 6)}", f"日期：{date.isoformat()}", f"上车：{start:%H:%M}",
             f"下车：{start + dt.timedelta(minutes=ride):%H:%M}", f"单价：{price}元", f"里程：{distance}km",
             f"等候：{wait // 3600:02d}:{wait // 60 % 60:02d}:{wait % 60:02d}", f"金额：¥{_fmt(total)}元"]
    for i, text in enumerate(lines):
        s.text((50, 140 + i * 56), text, 24)
    truth = {"code": code, "number": number, "date": date.isoformat(), "total": _fmt(total), "plate": plate}
    return Rendered("taxi", s.image, truth)


_DRAW = {"vat": _vat, "e_invoice": _e_invoice, "general": _general, "motor": _motor, "used_car": _used_car,
         "quota": _quota, "taxi": _taxi}


def render(kind: str, rng: random.Random) -> Rendered:
    """One clean invoice of the given type with random values."""
    return _DRAW[kind](rng)


def degrade(image: Image.Image, rng: random.Random, *, max_angle: float = 2.0, blur: tuple = (0.3, 1.0),
            noise: float = 6.0, quality: tuple = (70, 90)) -> Image.Image:
    """A phone photo of a flat invoice: small rotation, blur, grey sensor noise, JPEG compression."""
    import numpy as np

    out = image.rotate(rng.uniform(-max_angle, max_angle), resample=Image.BICUBIC, expand=True,
                       fillcolor=(rng.randint(180, 230),) * 3)
    out = out.filter(ImageFilter.GaussianBlur(rng.uniform(*blur)))
    pixels = np.asarray(out).astype(np.float32)
    noisy = np.random.default_rng(rng.randrange(2 ** 32)).normal(0, noise, pixels.shape[:2])[..., None]
    out = Image.fromarray(np.clip(pixels + noisy, 0, 255).astype(np.uint8))
    buffer = io.BytesIO()
    out.save(buffer, "JPEG", quality=rng.randint(*quality))
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def sample(count: int, seed: int = 0, *, photo: bool = True) -> list[Rendered]:
    """``count`` invoices cycling through the seven types; with ``photo`` each is degraded as a phone photo."""
    rng = random.Random(seed)
    out = []
    for index in range(count):
        rendered = render(KINDS[index % len(KINDS)], rng)
        if photo:
            rendered.image = degrade(rendered.image, rng)
        out.append(rendered)
    return out
