"""OWSLib's OGC API Features client (Debian python3-owslib) pages every collection of RiverGis to its end.

For each collection: the collection as OWSLib lists it, then collection_items page after page, each next page asked
with the parameters of the previous page's `next` link, until there is none. Prints one JSON document:
{collection: {"listed", "pages", "features", "unique_ids", "number_matched", "geometry_types"}}.

usage: owslib_features.py <service base url> <page size> <collection id>...
"""
import json
import sys
from urllib.parse import parse_qsl, urlparse

from owslib.ogcapi.features import Features

base, page_size, collections = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
api = Features(base + "/features")
listed = {c["id"] for c in api.collections()["collections"]}

result = {}
for collection in collections:
    params = {"limit": page_size}
    pages, ids, types, matched = 0, [], set(), None
    while params is not None and pages < 10000:
        page = api.collection_items(collection, **params)
        pages += 1
        matched = page.get("numberMatched", matched)
        for feature in page["features"]:
            ids.append(feature["id"])
            types.add(feature["geometry"]["type"])
        following = [link["href"] for link in page.get("links", []) if link.get("rel") == "next"]
        params = dict(parse_qsl(urlparse(following[0]).query)) if following else None
    result[collection] = {"listed": collection in listed, "pages": pages, "features": len(ids), "unique_ids": len(set(ids)),
                          "number_matched": matched, "geometry_types": sorted(types)}

print(json.dumps(result, ensure_ascii=False))
