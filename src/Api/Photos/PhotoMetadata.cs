using System.Globalization;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Patrols;

namespace RiverGis.Api.Photos;

/// <summary>The image types accepted for photos.</summary>
public enum PhotoType
{
    Jpeg,
    Png,
}

/// <summary>
/// Reads what a photo says about itself with MetadataExtractor: its type by its bytes (not its name), and from EXIF the
/// time it was taken (DateTimeOriginal with OffsetTimeOriginal; without an offset, China Standard Time — a phone's local
/// clock in China) and the GPS position.
/// </summary>
public static class PhotoMetadata
{
    private const int TagOffsetTimeOriginal = 0x9011;

    public static string MediaType(this PhotoType type) => type == PhotoType.Jpeg ? "image/jpeg" : "image/png";

    /// <summary>The type the bytes are (by their signature), or null when they are neither JPEG nor PNG.</summary>
    public static PhotoType? Sniff(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF ? PhotoType.Jpeg
        : bytes.Length >= 8 && bytes[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? PhotoType.Png
        : null;

    /// <summary>EXIF time and position; unknown parts are null (also for images whose metadata cannot be read).</summary>
    public static PhotoFacts Read(byte[] bytes)
    {
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            directories = ImageMetadataReader.ReadMetadata(new MemoryStream(bytes));
        }
        catch (Exception ex) when (ex is ImageProcessingException or IOException)
        {
            return default;
        }
        DateTimeOffset? takenAt = null;
        var exif = directories.OfType<ExifSubIfdDirectory>().FirstOrDefault();
        if (exif is not null && exif.TryGetDateTime(ExifDirectoryBase.TagDateTimeOriginal, out var local))
        {
            var offset = exif.GetString(TagOffsetTimeOriginal) is { } text && TimeSpan.TryParse(text.Trim().TrimStart('+', '-'), CultureInfo.InvariantCulture, out var parsed)
                ? (text.Trim().StartsWith('-') ? parsed.Negate() : parsed) : OfficePeriod.Offset;
            takenAt = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
        }
        var gps = directories.OfType<GpsDirectory>().FirstOrDefault()?.GetGeoLocation();
        return gps is { } g && !g.IsZero ? new PhotoFacts(takenAt, g.Longitude, g.Latitude) : new PhotoFacts(takenAt, null, null);
    }
}
