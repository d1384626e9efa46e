using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RiverGis.Api.Tests.Infrastructure;

namespace RiverGis.Api.Tests.Patrols;

/// <summary>Photos of a patrol: EXIF read, flagged against the track, stored once, shown only to whom the patrol concerns.</summary>
public sealed class PhotoTests(MiniService service) : IClassFixture<MiniService>
{
    private static readonly As C2 = As.Chief("C2");

    /// <summary>
    /// A JPEG holding only an EXIF segment (what MetadataExtractor reads; the image data does not matter to it):
    /// DateTimeOriginal with OffsetTimeOriginal, and the GPS position.
    /// </summary>
    public static byte[] Jpeg(DateTimeOffset takenAt, double lon, double lat, int salt = 0)
    {
        var tiff = new MemoryStream();
        var w = new BinaryWriter(tiff);
        void Entry(ushort tag, ushort type, uint count, uint value) { w.Write(tag); w.Write(type); w.Write(count); w.Write(value); }
        void Rationals(double degrees)
        {
            var d = Math.Floor(degrees);
            var m = Math.Floor((degrees - d) * 60);
            var s = ((degrees - d) * 60 - m) * 60;
            foreach (var (n, den) in new[] { ((uint)d, 1u), ((uint)m, 1u), ((uint)Math.Round(s * 10000), 10000u) }) { w.Write(n); w.Write(den); }
        }
        w.Write("II"u8); w.Write((ushort)42); w.Write(8u);
        w.Write((ushort)2); Entry(0x8769, 4, 1, 38); Entry(0x8825, 4, 1, 96); w.Write(0u);             // IFD0 → Exif IFD at 38, GPS IFD at 96
        w.Write((ushort)2); Entry(0x9003, 2, 20, 68); Entry(0x9011, 2, 7, 88); w.Write(0u);             // Exif IFD
        w.Write(Encoding.ASCII.GetBytes(takenAt.ToString("yyyy:MM:dd HH:mm:ss") + "\0"));                  // 68
        w.Write(Encoding.ASCII.GetBytes(takenAt.ToString("zzz") + "\0")); w.Write((byte)salt);             // 88, pad to 96
        w.Write((ushort)4); Entry(1, 2, 2, 'N'); Entry(2, 5, 3, 150); Entry(3, 2, 2, 'E'); Entry(4, 5, 3, 174); w.Write(0u);
        Rationals(lat); Rationals(lon);                                                                     // 150, 174
        var exif = Encoding.ASCII.GetBytes("Exif\0\0").Concat(tiff.ToArray()).ToArray();
        var length = (ushort)(exif.Length + 2);
        return [0xFF, 0xD8, 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. exif, 0xFF, 0xD9];
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> UploadAsync(byte[] bytes, string type, As caller, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/photos" + query) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(type);
        var response = await (await caller.ClientAsync(service)).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static readonly DateTimeOffset Walked = new(2026, 11, 18, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Photos_are_read_flagged_against_the_track_and_shown_only_to_whom_the_patrol_concerns()
    {
        var near = Jpeg(Walked.AddMinutes(10), 100.012, 30.0253);
        var far = Jpeg(Walked.AddMinutes(12), 100.09, 30.045);
        var late = Jpeg(Walked.AddDays(1), 100.02, 30.0252);
        var urls = new List<string>();
        foreach (var photo in new[] { near, far, late })
        {
            var (status, body) = await UploadAsync(photo, "image/jpeg", C2);
            Assert.Equal(HttpStatusCode.Created, status);
            urls.Add(body.GetProperty("url").GetString()!);
        }
        var (first, exif) = await UploadAsync(near, "image/jpeg", C2);
        Assert.Equal(HttpStatusCode.OK, first);   // the same bytes again: the same photo
        Assert.Equal(Walked.AddMinutes(10), exif.GetProperty("taken_at").GetDateTimeOffset());
        Assert.Equal(100.012, exif.GetProperty("lon").GetDouble(), 5);
        Assert.Equal(30.0253, exif.GetProperty("lat").GetDouble(), 5);
        Assert.Equal(3, await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM photo_blobs"));

        var walk = PatrolRequests.Walk(PatrolIntakeTests.Along(100.006, 100.036), Walked, 10, findings: "河面有少量漂浮物", photoUrls: urls);
        var (created, patrol, _) = await PatrolRequests.PostAsync(service, walk, "application/geo+json", C2);
        Assert.Equal(HttpStatusCode.Created, created);
        var photos = patrol.GetProperty("properties").GetProperty("photos").EnumerateArray().ToList();
        Assert.Equal([[], ["far_from_track"], ["outside_track_time"]],
            photos.Select(p => p.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!).ToArray()));
        Assert.Equal("河面有少量漂浮物", patrol.GetProperty("properties").GetProperty("findings").GetString());

        // A photo added to the patrol afterwards is flagged in the upload's answer.
        var id = patrol.GetProperty("id").GetInt64();
        var (added, after) = await UploadAsync(Jpeg(Walked.AddMinutes(20), 100.03, 30.04, salt: 1), "image/jpeg", C2, $"?patrol_id={id}");
        Assert.Equal(HttpStatusCode.Created, added);
        Assert.Equal(["far_from_track"], after.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));

        var path = new Uri(urls[0]).AbsolutePath;
        // Out of the caller's scope a photo does not exist (404); anonymous callers are asked to sign in.
        foreach (var (caller, expected) in new[] { (C2, HttpStatusCode.OK), (As.Office("T00"), HttpStatusCode.OK), (As.Admin, HttpStatusCode.OK),
                     (As.Chief("C3"), HttpStatusCode.NotFound), (As.Office("T02"), HttpStatusCode.NotFound), (As.Public, HttpStatusCode.Unauthorized) })
        {
            var response = await (await caller.ClientAsync(service)).GetAsync(path);
            Assert.True(expected == response.StatusCode, $"{caller}: {response.StatusCode}");
            if (expected == HttpStatusCode.OK) Assert.Equal(near, await response.Content.ReadAsByteArrayAsync());
        }
        // Another chief's patrol is as unknown to a chief as one that does not exist.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await UploadAsync(Jpeg(Walked, 100.02, 30.0252, salt: 2), "image/jpeg", As.Chief("C3"), $"?patrol_id={id}")).Status);
        // Every upload is audit-logged with its uploader.
        Assert.Equal(4, await Db.ScalarAsync<long>(service.ConnectionString, $"SELECT count(*) FROM audit_log WHERE resource_type = 'photo' AND username = '{C2.Username}'"));
    }

    [Fact]
    public async Task Bad_photos_are_refused_and_nothing_is_stored()
    {
        var before = await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM photos");
        var jpeg = Jpeg(Walked, 100.02, 30.0252, salt: 9);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await UploadAsync(Encoding.UTF8.GetBytes("hello"), "text/plain", C2)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(jpeg, "image/png", C2)).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await UploadAsync(jpeg, "image/jpeg", C2, "?patrol_id=987654")).Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await UploadAsync([.. jpeg, .. new byte[10 * 1024 * 1024]], "image/jpeg", C2)).Status);
        Assert.Equal(before, await Db.ScalarAsync<long>(service.ConnectionString, "SELECT count(*) FROM photos"));
    }
}
