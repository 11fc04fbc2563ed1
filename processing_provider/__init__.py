"""The thin QGIS Processing layer over the ``valuation`` engine."""
