using System.Text.Json;

namespace RiverGis.Geo.GeoJson;

/// <summary>One feature of a FeatureCollection as read from the wire: its index, id, properties and geometry element.</summary>
public readonly record struct RawFeature(int Index, JsonElement Feature, JsonElement Properties, JsonElement Geometry);

/// <summary>
/// Streams the features of a GeoJSON FeatureCollection one at a time (a JsonDocument per feature, not per file),
/// so province-sized files do not need a whole-file DOM. Structural problems are reported, not thrown.
/// </summary>
public static class FeatureCollectionReader
{
    /// <summary>Calls <paramref name="onFeature"/> for every element of "features"; returns the structural errors (empty when fine).</summary>
    public static List<string> Read(ReadOnlySpan<byte> utf8, Action<RawFeature> onFeature) =>
        ReadBatches(utf8, 1, batch => onFeature(batch[0]));

    /// <summary>
    /// Calls <paramref name="onBatch"/> with up to <paramref name="batchSize"/> features at a time, in file order, so the
    /// caller can check a batch on every core; the features' documents stay alive until the call returns.
    /// </summary>
    public static List<string> ReadBatches(ReadOnlySpan<byte> utf8, int batchSize, Action<IReadOnlyList<RawFeature>> onBatch)
    {
        var batch = new List<RawFeature>(batchSize);
        var documents = new List<JsonDocument>(batchSize);
        void Flush()
        {
            if (batch.Count == 0) return;
            try
            {
                onBatch(batch);
            }
            finally
            {
                foreach (var d in documents) d.Dispose();
                documents.Clear();
                batch.Clear();
            }
        }

        var errors = new List<string>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add("expected a GeoJSON FeatureCollection object");
                return errors;
            }
            string? type = null;
            var sawFeatures = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "type")
                {
                    type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (name == "features")
                {
                    sawFeatures = true;
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        errors.Add("features: expected an array");
                        reader.Skip();
                        continue;
                    }
                    var index = 0;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        var doc = JsonDocument.ParseValue(ref reader);
                        documents.Add(doc);
                        var feature = doc.RootElement;
                        if (feature.ValueKind != JsonValueKind.Object
                            || !feature.TryGetProperty("type", out var ft) || ft.ValueKind != JsonValueKind.String || ft.GetString() != "Feature")
                        {
                            errors.Add($"features[{index}]: expected an object with \"type\": \"Feature\"");
                            index++;
                            continue;
                        }
                        feature.TryGetProperty("properties", out var properties);
                        feature.TryGetProperty("geometry", out var geometry);
                        batch.Add(new RawFeature(index, feature, properties, geometry));
                        if (batch.Count >= batchSize) Flush();
                        index++;
                    }
                    Flush();
                }
                else
                {
                    reader.Skip();
                }
            }
            if (type != "FeatureCollection") errors.Add($"type: expected \"FeatureCollection\", found {(type is null ? "none" : $"\"{type}\"")}");
            if (!sawFeatures) errors.Add("features: missing");
        }
        catch (JsonException ex)
        {
            foreach (var d in documents) d.Dispose();
            errors.Add($"malformed JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {ex.Message.Split(" LineNumber")[0]}");
        }
        return errors;
    }
}
