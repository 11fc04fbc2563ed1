"""Processing provider ``swcvalue``: registers one algorithm per module."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr
from .account_values import AccountValuesAlgorithm
from .assign_ownership import AssignOwnershipAlgorithm
from .catalog_proposal import CatalogProposalAlgorithm
from .csle_factors import CsleFactorsAlgorithm
from .environment_check import EnvironmentCheckAlgorithm
from .excluded_operators import ExcludedOperatorsAlgorithm
from .listing_package import ListingPackageAlgorithm
from .monitor_change import MonitorChangeAlgorithm
from .promotion_map import PromotionMapAlgorithm
from .reference_price import ReferencePriceAlgorithm
from .register_pledge import RegisterPledgeAlgorithm
from .register_trade import RegisterTradeAlgorithm
from .revenue_plan import RevenuePlanAlgorithm
from .split_parcels import SplitParcelsAlgorithm
from .trade_certificate import TradeCertificateAlgorithm
from .trade_status import TradeStatusAlgorithm
from .valuation_report import ValuationReportAlgorithm
from .watershed_summary import WatershedSummaryAlgorithm
from .workplan import WorkPlanAlgorithm

ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "icon.svg"


class SwcValueProvider(QgsProcessingProvider):
    """SWC EcoValue algorithms."""

    def id(self) -> str:
        return "swcvalue"

    def name(self) -> str:
        return tr("SWC EcoValue")

    def longName(self) -> str:  # noqa: N802
        return tr("Soil and water conservation ecological products: accounting and trading")

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def loadAlgorithms(self) -> None:  # noqa: N802
        for alg in (
            # parcels and value accounting
            SplitParcelsAlgorithm(), AccountValuesAlgorithm(), CsleFactorsAlgorithm(), ValuationReportAlgorithm(),
            # ownership, catalog and monitoring
            AssignOwnershipAlgorithm(), WatershedSummaryAlgorithm(), CatalogProposalAlgorithm(),
            MonitorChangeAlgorithm(),
            # preparing, publishing and recording trades
            WorkPlanAlgorithm(), ReferencePriceAlgorithm(), ExcludedOperatorsAlgorithm(), ListingPackageAlgorithm(),
            PromotionMapAlgorithm(), RegisterTradeAlgorithm(), RevenuePlanAlgorithm(), RegisterPledgeAlgorithm(),
            TradeStatusAlgorithm(), TradeCertificateAlgorithm(),
            # tools
            EnvironmentCheckAlgorithm(),
        ):
            self.addAlgorithm(alg)
