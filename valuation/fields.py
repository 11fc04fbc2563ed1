"""The output field catalogue: every field the plugin writes is defined once here.

Shapefile names (≤ 10 characters), English and Chinese aliases, units, types and help
all come from this table, so outputs, styles and reports agree.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldDef:
    name: str
    kind: str  # "str", "int", "float"
    alias_en: str
    alias_zh: str
    unit: str = ""
    precision: int = 0
    length: int = 0

    def __post_init__(self) -> None:
        if len(self.name) > 10:
            raise ValueError(f"field name {self.name!r} is longer than 10 characters")


_F = FieldDef
SPLIT_FIELDS: tuple[FieldDef, ...] = (
    _F("PARCEL_ID", "str", "Parcel id", "地块编号", length=80),
    _F("SCOPE_ID", "str", "Trading lot id", "交易范围编号", length=40),
    _F("SCOPE_NAME", "str", "Trading lot name", "交易范围名称", length=120),
    _F("PRODUCT", "str", "Product", "交易产品", length=120),
    _F("SRC_FID", "int", "Source parcel feature id", "来源图斑要素号"),
    _F("ECO_TYPE", "str", "Ecosystem type", "生态系统类型", length=20),
    _F("AREA_M2", "float", "Area (m²)", "面积（平方米）", "m2", 2),
    _F("AREA_MU", "float", "Area (mu)", "面积（亩）", "mu", 4),
    _F("AREA_HA", "float", "Area (ha)", "面积（公顷）", "ha", 6),
    _F("SHARE", "float", "Share of source parcel", "占来源图斑比例", "", 8),
)

#: Ownership (确定出让主体): assigned by the user or the 三调 suggestions, then ELIGIBLE/INELIG_WHY/STATE_APPR
#: computed (valuation/ownership.py). Codes are stored; labels come from ownership.OWN_TYPE/DISPUTE.
OWNERSHIP_FIELDS: tuple[FieldDef, ...] = (
    _F("OWN_TYPE", "str", "Ownership type", "权属类型", length=12),
    _F("HOLDER", "str", "Right holder", "权利人", length=254),
    _F("HOLDER_CD", "str", "Right holder code", "权利人代码", length=40),
    _F("INVESTOR", "str", "Investor", "投资主体", length=254),
    _F("PRIORITY", "int", "Investor's priority operating right (1/0)", "投资主体优先经营权"),
    _F("SELLER", "str", "Seller", "出让主体", length=254),
    _F("SELLER_CD", "str", "Seller identifier", "出让主体证件号码", length=40),
    _F("DISPUTE", "str", "Dispute status", "权属争议状态", length=12),
    _F("CONSENT", "int", "Right holders' consent (1/0)", "权利人同意"),
    _F("CONS_DATE", "str", "Consent date", "同意日期", length=10),
    _F("CONS_REF", "str", "Consent document", "同意文书编号", length=120),
    _F("ELIGIBLE", "int", "Eligible for trade (1/0)", "可入市交易"),
    _F("INELIG_WHY", "str", "Reasons not eligible", "不可交易原因", length=254),
    _F("STATE_APPR", "int", "State-asset appraisal required (1/0)", "需国有资产评估"),
)

#: Aliases for the 三调 DLTB fields carried from the source parcels.
DLTB_ALIASES: dict[str, tuple[str, str]] = {
    "BSM": ("Feature identifier", "标识码"),
    "DLBM": ("Land-use code", "地类编码"),
    "DLMC": ("Land-use name", "地类名称"),
    "QSXZ": ("Ownership nature", "权属性质"),
    "QSDWDM": ("Owner unit code", "权属单位代码"),
    "QSDWMC": ("Owner unit name", "权属单位名称"),
    "ZLDWDM": ("Location unit code", "坐落单位代码"),
    "ZLDWMC": ("Location unit name", "坐落单位名称"),
    "TBMJ": ("Parcel area (m²)", "图斑面积"),
    "KCDLBM": ("Deducted land-use code", "扣除地类编码"),
    "KCXS": ("Deduction coefficient", "扣除地类系数"),
    "KCMJ": ("Deducted area (m²)", "扣除地类面积"),
    "TBDLMJ": ("Net land-class area (m²)", "图斑地类面积"),
    "GDLX": ("Cropland type", "耕地类型"),
    "GDPDJB": ("Cropland slope grade", "耕地坡度级别"),
}

#: 三调 fields whose values are areas pro-rated by SHARE when a parcel is split.
PRORATED_FIELDS = ("TBDLMJ", "KCMJ")



def _accounting_fields() -> tuple[FieldDef, ...]:
    """Accounting outputs, from the valuation's (name, unit, English, Chinese) table."""
    from .valuing import OUTPUT_FIELDS

    out = []
    for name, unit, en, zh in OUTPUT_FIELDS:
        if name in ("APPLIED", "SKIPPED"):
            out.append(FieldDef(name, "str", en, zh, length=254))
        elif name == "ER_GRADE":
            out.append(FieldDef(name, "int", en, zh, unit))
        else:
            label = f" ({unit})" if unit else ""
            out.append(FieldDef(name, "float", en + label, zh + (f"（{unit}）" if unit else ""), unit, 4))
    out.append(FieldDef("V_PER_MU", "float", "Value per mu (元/(mu·a))", "亩均价值（元/(亩·年)）", "元/(亩·a)", 4))
    return tuple(out)


def catalogue() -> dict[str, FieldDef]:
    """All defined fields by name."""
    return {f.name: f for f in (*SPLIT_FIELDS, *_accounting_fields(), *OWNERSHIP_FIELDS)}


def alias(name: str, lang: str = "zh") -> str | None:
    """The alias of a known field (catalogue or 三调), in Chinese or English."""
    f = catalogue().get(name)
    if f is not None:
        return f.alias_zh if lang.startswith("zh") else f.alias_en
    pair = DLTB_ALIASES.get(name.upper())
    if pair is not None:
        return pair[1] if lang.startswith("zh") else pair[0]
    return None
