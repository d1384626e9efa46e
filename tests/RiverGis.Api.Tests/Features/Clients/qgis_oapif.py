"""QGIS (Debian python3-qgis, headless) as an office's desktop GIS reads every collection of RiverGis.

Loads each collection through QGIS's OAPIF provider, reads all its features, and exports it with QGIS's own vector
writer to GeoPackage and SpatiaLite. Every GDAL/OGR message and every QGIS log message at warning level or above is
collected per step. Prints one JSON document: {collection: {...}} for the xunit test to judge.

usage: qgis_oapif.py <service base url> <output folder> <collection id>...
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from osgeo import gdal  # noqa: E402  (the libgdal QGIS uses: its messages are caught here)
from qgis.core import (  # noqa: E402
    Qgis, QgsApplication, QgsCoordinateTransformContext, QgsVectorFileWriter, QgsVectorLayer, QgsWkbTypes)

base, out, collections = sys.argv[1], sys.argv[2], sys.argv[3:]
app = QgsApplication([], False)
app.initQgis()

messages = []
QgsApplication.messageLog().messageReceived.connect(
    lambda message, tag, level: messages.append(f"QGIS {tag}: {message}") if level >= Qgis.Warning else None)
gdal.PushErrorHandler(lambda cls, number, message: messages.append(f"GDAL {cls}/{number}: {message}") if cls >= gdal.CE_Warning else None)


def step(action):
    """Runs one step; returns its outcome and the messages it caused."""
    start = len(messages)
    try:
        outcome = action()
    except Exception as error:  # reported, not raised: the test shows every collection's result
        outcome = f"exception: {error}"
    return outcome, messages[start:]


def export(layer, driver, path, options):
    writer_options = QgsVectorFileWriter.SaveVectorOptions()
    writer_options.driverName = driver
    writer_options.datasourceOptions = options
    error, text, _, _ = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, QgsCoordinateTransformContext(), writer_options)
    if error != QgsVectorFileWriter.NoError:
        return f"error {error}: {text}"
    written = QgsVectorLayer(path, "written", "ogr")
    return {"type": QgsWkbTypes.displayString(written.wkbType()), "count": written.featureCount()}


result = {}
for collection in collections:
    uri = f"url='{base}/features' typename='{collection}' pagingEnabled='true' restrictToRequestBBOX='0'"
    entry = {}
    layer, entry["load_messages"] = step(lambda: QgsVectorLayer(uri, collection, "OAPIF"))
    entry["valid"] = isinstance(layer, QgsVectorLayer) and layer.isValid()
    if entry["valid"]:
        entry["type"] = QgsWkbTypes.displayString(layer.wkbType())
        entry["fields"] = [f.name() for f in layer.fields()]
        features, entry["read_messages"] = step(lambda: list(layer.getFeatures()))
        entry["features"] = len(features)
        entry["geometry_types"] = sorted({QgsWkbTypes.displayString(f.geometry().wkbType()) for f in features})
        for name, driver, extension, options in [("gpkg", "GPKG", "gpkg", []), ("spatialite", "SQLite", "sqlite", ["SPATIALITE=YES"])]:
            path = os.path.join(out, f"qgis-{collection}.{extension}")
            entry[name], entry[name + "_messages"] = step(lambda: export(layer, driver, path, options))
    result[collection] = entry
    del layer

print(json.dumps(result, ensure_ascii=False), flush=True)
gdal.PopErrorHandler()
app.exitQgis()
