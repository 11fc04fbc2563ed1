"""Shared algorithm base: tr(), instances, help, the feedback bridge, error translation."""

from __future__ import annotations

from typing import Any, Callable, Optional

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterDefinition,
)

from ..i18n import tr
from ..valuation.errors import Cancelled, Notice, ValuationError
from ..valuation.parameters import ParameterSet
from ..valuation.progress import Monitor
from .gc_pause import collector_paused
from .messages import translate_error, translate_notice, translate_progress
from .output_style import style_output


class SwcAlgorithm(QgsProcessingAlgorithm):
    """Base of every ``swcvalue:`` algorithm.

    Subclasses give ``ALG_ID``, ``display()``, ``group_name()``/``GROUP_ID``, ``help_text()``,
    ``initAlgorithm`` (through :meth:`add`, which requires help for every parameter) and
    ``execute(parameters, context, feedback, monitor)``.
    """

    ALG_ID = ""
    GROUP_ID = "parcels"

    def __init__(self) -> None:
        super().__init__()
        self.param_help: dict[str, str] = {}
        #: Output ids to alias and style in postProcessAlgorithm (main thread).
        self.styled_outputs: list[str] = []

    # Identity --------------------------------------------------------------
    def name(self) -> str:
        return self.ALG_ID

    def displayName(self) -> str:  # noqa: N802
        return self.display()

    def display(self) -> str:
        raise NotImplementedError

    def groupId(self) -> str:  # noqa: N802
        return self.GROUP_ID

    def group(self) -> str:
        return {"parcels": tr("Parcels"), "accounting": tr("Value accounting"),
                "tools": tr("Tools")}.get(self.GROUP_ID, self.GROUP_ID)

    def add_register(self, help_text: str, optional: bool = False) -> None:
        """The REGISTER parameter (the project register, a GeoPackage) with ``help_text``."""
        from qgis.core import QgsProcessingParameterFile

        self.add(QgsProcessingParameterFile("REGISTER", tr("Project register (GeoPackage)"),
                                            QgsProcessingParameterFile.File, extension="gpkg", optional=optional),
                 help_text)

    def write_table(self, parameters: dict[str, Any], name: str, context: QgsProcessingContext,
                    table: Any, required: bool = True) -> Optional[str]:
        """Write ``table`` (a DataFrame) to the geometry-less sink ``name``; its destination id. An output left
        unset gives None, unless ``required`` (then the sink error of QGIS)."""
        from qgis.core import QgsWkbTypes

        from . import qgis_io

        fields = qgis_io.qgs_fields_for(table)
        sink, dest = self.parameterAsSink(parameters, name, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            if required:
                raise QgsProcessingException(self.invalidSinkError(parameters, name))
            return None
        qgis_io.write_table(table, sink, fields)
        del sink
        return dest

    def createInstance(self) -> SwcAlgorithm:  # noqa: N802
        return type(self)()

    def tr(self, text: str) -> str:
        return tr(text)

    # Help ------------------------------------------------------------------
    def help_text(self) -> str:
        raise NotImplementedError

    def shortHelpString(self) -> str:  # noqa: N802
        """The algorithm's help followed by every parameter's help."""
        lines = [self.help_text(), ""]
        for p in self.parameterDefinitions():
            h = self.param_help.get(p.name(), "")
            lines.append(f"<b>{p.description()}</b> (<code>{p.name()}</code>): {h}")
        return "<br>".join(lines)

    def add(self, param: QgsProcessingParameterDefinition, help_text: str, advanced: bool = False) -> None:
        """Add a parameter with its help (also set on the parameter where QGIS supports it)."""
        if not help_text:
            raise ValueError(f"parameter {param.name()} has no help")
        if hasattr(param, "setHelp"):
            param.setHelp(help_text)
        if advanced:
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.param_help[param.name()] = help_text
        self.addParameter(param)

    # Running ---------------------------------------------------------------
    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
            feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        raise NotImplementedError

    def processAlgorithm(self, parameters: dict[str, Any], context: QgsProcessingContext,  # noqa: N802
                         feedback: QgsProcessingFeedback) -> dict[str, Any]:
        monitor = monitor_for(feedback)
        try:
            with collector_paused():
                return self.execute(parameters, context, feedback, monitor)
        except ValuationError as err:
            raise QgsProcessingException(translate_error(err)) from err
        except Cancelled:
            feedback.reportError(tr("Cancelled."), fatalError=False)
            return {}

    def raster_paths(self, parameters: dict[str, Any], names: tuple[str, ...],
                     context: QgsProcessingContext) -> dict[str, Optional[str]]:
        """The source path of each optional raster parameter (None when not given)."""
        paths: dict[str, Optional[str]] = {}
        for name in names:
            layer = self.parameterAsRasterLayer(parameters, name, context)
            paths[name] = layer.source() if layer is not None else None
        return paths

    def parameter_set(self, parameters: dict[str, Any], context: QgsProcessingContext,
                      feedback: QgsProcessingFeedback) -> ParameterSet:
        """The default parameter table with the ``PARAMETERS`` override file applied, if any."""
        params = ParameterSet.load()
        override = self.parameterAsFile(parameters, "PARAMETERS", context)
        if override:
            params = params.with_overrides(override)
            feedback.pushInfo(tr("Parameter overrides from {path}").format(path=override))
        return params

    def postProcessAlgorithm(self, context: QgsProcessingContext,  # noqa: N802
                             feedback: QgsProcessingFeedback) -> dict[str, Any]:
        from .qgis_io import handoff_kept

        for dest_id in self.styled_outputs:
            with handoff_kept(dest_id):  # the style is a table of its own: a kept frame stays valid
                style_output(dest_id, context)
        return {}

    @staticmethod
    def report(feedback: QgsProcessingFeedback, notices: list[Notice]) -> None:
        """Show engine notices, translated, in the log."""
        for n in notices:
            text = translate_notice(n)
            if n.code in WARNING_CODES:
                feedback.pushWarning(text) if hasattr(feedback, "pushWarning") else feedback.reportError(text)
            else:
                feedback.pushInfo(text)


#: Notice codes shown as warnings rather than information.
WARNING_CODES = {"uncovered_large", "repaired", "duplicate_bsm", "geographic_crs"}


def monitor_for(feedback: Optional[QgsProcessingFeedback],
                span: tuple[float, float] = (8.0, 90.0)) -> Monitor:
    """A :class:`Monitor` that reports into ``feedback`` (percent within ``span``)."""
    if feedback is None:
        return Monitor()
    last: list[str] = [""]

    def progress(fraction: float, message: str) -> None:
        feedback.setProgress(span[0] + (span[1] - span[0]) * fraction)
        if message and message != last[0]:
            feedback.setProgressText(translate_progress(message))
            last[0] = message

    cancelled: Callable[[], bool] = feedback.isCanceled
    return Monitor(progress, cancelled)
