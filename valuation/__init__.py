"""SWC EcoValue engine: pure Python (geopandas, shapely, pyproj, rasterio, numpy).

Never imports ``qgis``: plain pytest tests it and it runs outside QGIS.
"""

__version__ = "0.2.6"
