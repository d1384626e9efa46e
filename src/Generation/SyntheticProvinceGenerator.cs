using System.Diagnostics;
using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;

namespace RiverGis.Generation;

/// <summary>
/// Generates a realistic, fully synthetic province-sized river-chief dataset for tests and benchmarks: nested
/// administrative areas (province → cities → counties → townships → villages) tiling a region in China, dendritic
/// river networks draining to the region's edge, general chiefs for every area and river chiefs where needed,
/// segments cut per area and level the way river-chief offices cut them, sewage outlets and patrol tracks — plus
/// responsibility defects planted at known places (<see cref="PlantedDefects"/>) so analyses can be checked against
/// a known answer. Deterministic: the same <see cref="GeneratorOptions"/> give the same content, and the same bytes
/// once written with <see cref="DatasetWriter"/>. Everything is marked <c>"synthetic": true</c>; names and phone
/// numbers are fictional.
/// </summary>
public static class SyntheticProvinceGenerator
{
    /// <summary>Drainage grid cell (m): the scale of the smallest valleys.</summary>
    public const double CellSize = 500;

    /// <summary>Shortest river kept (m, measured along the grid; the drawn river is about as long).</summary>
    public const double MinRiverLength = 2200;

    /// <summary>Pieces of river inside an area shorter than this (m) get no segment (the offices' rule for corner clips).</summary>
    public const double MinSegmentPiece = 20;

    public const string SyntheticProperties = "{\"synthetic\":true}";

    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>The stages of a generation, in order; each is reported to the progress of <see cref="Generate"/> when done.</summary>
    public static readonly IReadOnlyList<string> Stages = ["drainage", "rivers", "areas", "stretches", "segments", "outlets+patrols", "assemble"];

    public static GeneratedProvince Generate(GeneratorOptions options, IProgress<string>? stages = null)
    {
        options.Validate();
        return new Run(options, stages).Execute();
    }

    /// <summary>
    /// Generates and writes the dataset to <paramref name="folder"/> (<see cref="DatasetWriter"/>) and the planted-defect
    /// manifest to <paramref name="manifestPath"/> (default: next to the folder, <c>&lt;folder&gt;.planted_defects.json</c>,
    /// so that the dataset folder holds the dataset format only). What a <c>generate</c> CLI verb or a benchmark calls.
    /// </summary>
    /// <param name="officeYear">
    /// When given, also a year of the office's work (<see cref="OfficeYearGenerator"/>): its units in the dataset's
    /// <c>units.csv</c>, its plan items and problems beside the folder (<see cref="OfficeYearFiles"/>). Opt-in: the
    /// province's other files and the manifest are the same with or without it.
    /// </param>
    public static GeneratedProvince GenerateTo(GeneratorOptions options, string folder, string? manifestPath = null,
        IProgress<string>? stages = null, IProgress<DatasetProgress>? writing = null, OfficeYearOptions? officeYear = null)
    {
        var result = Generate(options, stages);
        if (officeYear is not null)
        {
            var year = OfficeYearGenerator.Generate(result.Content, officeYear);
            foreach (var unit in year.Units) result.Content.Units.Add(new(unit, result.Content.Units.Count + 2, null));
            result = result with { OfficeYear = year };
        }
        new DatasetWriter(writing).Write(result.Content, folder);
        if (result.OfficeYear is { } office) OfficeYearFiles.Write(office, folder);
        result.Defects.WriteJson(manifestPath ?? Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + ".planted_defects.json");
        return result;
    }

    /// <summary>Area counts aimed at for <paramref name="rivers"/> rivers (about Sichuan's at 20 000: 17 cities, 180 counties, 2500 townships, 26 000 villages).</summary>
    internal static AdminCounts CountsFor(int rivers)
    {
        var cities = Math.Clamp((int)Math.Round(rivers / 1150.0), 1, 95);
        var counties = Math.Max(2 * cities, (int)Math.Round(rivers / 110.0));
        var townships = Math.Max(3 * counties, (int)Math.Round(rivers / 8.0));
        var villages = Math.Max(4 * townships, (int)Math.Round(rivers * 1.3));
        return new AdminCounts(cities, counties, townships, villages);
    }

    private sealed class SegmentDraft
    {
        public required int River { get; init; }
        public required AdminLevel Level { get; init; }
        public required int Unit { get; init; }
        public required List<Interval> Pieces { get; set; }
        public required string Code { get; set; }
        public bool Dropped { get; set; }
        public bool Vacant { get; set; }
        public string? ChiefId { get; set; }
        public Geometry? Geometry { get; set; }
    }

    private sealed class Run(GeneratorOptions options, IProgress<string>? stages)
    {
        private readonly int _seed = options.Seed;
        private readonly string _pp = options.ProvinceCode;
        private readonly List<(string, TimeSpan)> _timings = [];
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        private RegionFrame _frame = null!;
        private List<AdminUnit> _units = null!;
        private List<RiverPath> _paths = null!;
        private LineString[] _riverLines = null!;
        private MetricProjection _projection = null!;
        private MeasuredLine[] _measured = null!;
        private List<(int Unit, IntervalSet Inside)>[][] _stretches = null!;
        private AdminLevel[] _riverLevels = null!;
        private string[] _riverCodes = null!;
        private string[] _riverNames = null!;
        private int _simplified;

        private void Lap(string stage)
        {
            _timings.Add((stage, _clock.Elapsed));
            _clock.Restart();
            stages?.Report(stage);
        }

        public GeneratedProvince Execute()
        {
            var areaM2 = options.Rivers / options.RiversPerThousandKm2 * 1000 * 1e6;
            var width = Math.Sqrt(areaM2 * 1.1);
            _frame = new RegionFrame(options.CentreLon, options.CentreLat, width, areaM2 / width);

            var network = DrainageNetwork.Build(_frame.Width, _frame.Height, CellSize, (int)Math.Round(options.Rivers / 1200.0), options.GreatRiver, _seed);
            _paths = RiverPaths.Extract(network, options.Rivers, MinRiverLength);
            Lap(Stages[0]);
            var drawer = new RiverGeometryBuilder(network, _paths, _frame, _seed);
            _riverLines = drawer.Build();
            _simplified = drawer.Simplified;
            Lap(Stages[1]);

            _units = AdminAreaBuilder.Build(_frame, CountsFor(options.Rivers), _seed);
            NameAndCodeAreas();
            Lap(Stages[2]);

            _projection = MetricProjection.For(_frame.LonLatEnvelope);
            ComputeStretches();
            NameRivers();
            Lap(Stages[3]);

            var drafts = CutSegments();
            var baseCount = drafts.Count;
            var defects = PlantDefects(drafts);
            var chiefs = AppointChiefs(drafts);
            DrawSegments(drafts);
            Lap(Stages[4]);

            var outlets = PlaceOutlets();
            var (tracks, cheats) = Patrols(chiefs, drafts);
            Lap(Stages[5]);

            var content = Assemble(chiefs, drafts, outlets, tracks);
            Lap(Stages[6]);
            var statistics = Statistics();
            return new GeneratedProvince(content, new PlantedDefects(defects, baseCount) { Cheats = cheats }, statistics);
        }

        // ---------------------------------------------------------------- areas

        private void NameAndCodeAreas()
        {
            var random = Seeds.For(_seed, Stage.AdminNames);
            var province = _units[0];
            province.Code = _pp + "0000";
            province.Name = ChineseNames.Place(random, AdminLevel.Province, 0);
            var queue = new Queue<int>();
            queue.Enqueue(0);
            while (queue.Count > 0)
            {
                var parent = _units[queue.Dequeue()];
                var used = new HashSet<string>(StringComparer.Ordinal);
                for (var k = 0; k < parent.Children.Count; k++)
                {
                    var child = _units[parent.Children[k]];
                    child.Code = child.Level switch
                    {
                        AdminLevel.City => _pp + Digits(k + 1, 2, 99, "cities in a province") + "00",
                        AdminLevel.County => parent.Code[..4] + Digits(k + 1, 2, 99, "counties in a city"),
                        _ => parent.Code + Digits(k + 1, 3, 999, "areas in a parent"),
                    };
                    var name = ChineseNames.Place(random, child.Level, k);
                    for (var attempt = 0; attempt < 30 && used.Contains(name); attempt++) name = ChineseNames.Place(random, child.Level, k);
                    if (used.Contains(name)) name = "第" + ChineseNames.Numeral(k + 1) + name;
                    used.Add(name);
                    child.Name = name;
                    queue.Enqueue(parent.Children[k]);
                }
            }
        }

        private static string Digits(int value, int width, int max, string what)
        {
            if (value > max) throw new InvalidOperationException($"more than {max} {what}: too many for GB/T 2260 codes");
            return value.ToString(new string('0', width), CultureInfo.InvariantCulture);
        }

        // ---------------------------------------------------------------- rivers in areas

        private void ComputeStretches()
        {
            var prepared = new AreaOnLine[_units.Count];
            var projected = new Geometry[_units.Count];
            for (var i = 0; i < _units.Count; i++) projected[i] = _projection.Project(_units[i].Geometry);
            Parallel.For(0, _units.Count, i => prepared[i] = new AreaOnLine(projected[i]));
            // Warm the lazily built point locators on one thread before the parallel pass.
            foreach (var area in prepared) area.Contains(area.Envelope.MinX, area.Envelope.MinY);

            _measured = new MeasuredLine[_riverLines.Length];
            for (var r = 0; r < _riverLines.Length; r++) _measured[r] = new MeasuredLine(_riverLines[r], _projection);

            _stretches = new List<(int, IntervalSet)>[_riverLines.Length][];
            Parallel.For(0, _riverLines.Length, r =>
            {
                var line = _measured[r];
                var perLevel = new List<(int, IntervalSet)>[AdminLevels.TopDown.Count];
                var candidates = new List<int> { 0 };
                foreach (var level in AdminLevels.TopDown)
                {
                    var found = new List<(int Unit, IntervalSet Inside)>();
                    var next = new List<int>();
                    foreach (var unit in candidates)
                    {
                        var raw = prepared[unit].IntervalsOn(line);
                        if (raw.IsEmpty) continue;
                        next.AddRange(_units[unit].Children);
                        var kept = Cleaned(raw);
                        if (!kept.IsEmpty) found.Add((unit, kept));
                    }
                    found.Sort((a, b) => a.Inside.Intervals[0].From.CompareTo(b.Inside.Intervals[0].From) is var c && c != 0
                        ? c : string.CompareOrdinal(_units[a.Unit].Code, _units[b.Unit].Code));
                    perLevel[(int)level] = found;
                    candidates = next;
                }
                _stretches[r] = perLevel;
            });
        }

        /// <summary>Pieces separated by less than a metre are one piece; pieces shorter than <see cref="MinSegmentPiece"/> are dropped.</summary>
        private static IntervalSet Cleaned(IntervalSet inside)
        {
            var merged = new List<Interval>();
            foreach (var interval in inside.Intervals)
            {
                if (merged.Count > 0 && interval.From - merged[^1].To < 1.0) merged[^1] = merged[^1] with { To = interval.To };
                else merged.Add(interval);
            }
            return IntervalSet.From(merged).WithoutShorterThan(MinSegmentPiece);
        }

        private void NameRivers()
        {
            var n = _riverLines.Length;
            _riverLevels = new AdminLevel[n];
            _riverCodes = new string[n];
            _riverNames = new string[n];
            var random = Seeds.For(_seed, Stage.RiverNames);
            var used = new Dictionary<string, int>(StringComparer.Ordinal);
            // The province takes the great river crossing it and the few largest rivers (about one per thousand,
            // each at least 100 km long).
            var provincial = Enumerable.Range(0, n).Where(r => _measured[r].Length >= 100_000 || _paths[r].InletSide >= 0)
                .OrderByDescending(r => _measured[r].Length).ThenBy(r => r)
                .Take(Math.Max(1, (int)Math.Round(n / 1000.0))).ToHashSet();
            for (var r = 0; r < n; r++)
            {
                var km = _measured[r].Length / 1000;
                _riverLevels[r] = km switch
                {
                    _ when provincial.Contains(r) => AdminLevel.Province,
                    >= 30 => AdminLevel.City,
                    >= 10 => AdminLevel.County,
                    >= 5 => AdminLevel.Township,
                    // Small streams: a township's river when it crosses township lines, else the village's.
                    _ => _stretches[r][(int)AdminLevel.Township].Count > 1 ? AdminLevel.Township : AdminLevel.Village,
                };
                _riverCodes[r] = string.Create(CultureInfo.InvariantCulture, $"R{_pp}-{r + 1:D6}");
                var name = ChineseNames.River(random, km);
                if (used.TryGetValue(name, out var count))
                {
                    used[name] = count + 1;
                    name = $"{name}（{ChineseNames.Numeral(count + 1)}）";
                }
                else
                {
                    used[name] = 1;
                }
                _riverNames[r] = name;
            }
        }

        // ---------------------------------------------------------------- segments

        private static readonly string[] LevelLetters = ["S", "C", "X", "T", "V"];

        private List<SegmentDraft> CutSegments()
        {
            var drafts = new List<SegmentDraft>();
            for (var r = 0; r < _riverLines.Length; r++)
            {
                for (var level = _riverLevels[r]; level <= AdminLevel.Village; level++)
                {
                    var k = 0;
                    foreach (var (unit, inside) in _stretches[r][(int)level])
                    {
                        drafts.Add(new SegmentDraft
                        {
                            River = r,
                            Level = level,
                            Unit = unit,
                            Pieces = inside.Intervals.ToList(),
                            Code = $"{_riverCodes[r]}-{LevelLetters[(int)level]}{++k:D2}",
                        });
                    }
                }
            }
            return drafts;
        }

        private List<PlantedDefect> PlantDefects(List<SegmentDraft> drafts)
        {
            var random = Seeds.For(_seed, Stage.Defects);
            var total = drafts.Count;
            var reserved = new bool[total];
            var defects = new List<PlantedDefect>();
            // Same river and level, in measure order: the neighbours a spill-over runs into.
            var byRiverLevel = new Dictionary<(int, AdminLevel), List<int>>();
            for (var i = 0; i < total; i++)
            {
                var key = (drafts[i].River, drafts[i].Level);
                if (!byRiverLevel.TryGetValue(key, out var list)) byRiverLevel[key] = list = [];
                list.Add(i);
            }
            int[] Shuffled()
            {
                var order = Enumerable.Range(0, total).ToArray();
                for (var i = order.Length - 1; i > 0; i--)
                {
                    var j = random.Next(i + 1);
                    (order[i], order[j]) = (order[j], order[i]);
                }
                return order;
            }
            int Target(double fraction) => (int)Math.Round(fraction * total, MidpointRounding.AwayFromZero);

            // Spill-over: extend one end of a piece along the river into the touching piece of the neighbouring area.
            var want = Target(options.SpillOverFraction);
            foreach (var i in Shuffled())
            {
                if (want == 0) break;
                if (reserved[i]) continue;
                var s = drafts[i];
                var distance = random.Range(200, 800);
                var downstream = random.Next(2) == 0;
                foreach (var down in new[] { downstream, !downstream })
                {
                    var plan = SpillPlan(drafts, byRiverLevel[(s.River, s.Level)], i, down, distance, reserved);
                    if (plan is not { } p) continue;
                    var t = drafts[p.Neighbour];
                    s.Pieces[p.Piece] = down
                        ? s.Pieces[p.Piece] with { To = s.Pieces[p.Piece].To + distance }
                        : s.Pieces[p.Piece] with { From = s.Pieces[p.Piece].From - distance };
                    reserved[i] = reserved[p.Neighbour] = true;
                    defects.Add(new PlantedDefect(DefectKind.SpillOver, s.Code, _riverCodes[s.River], s.Level, _units[s.Unit].Code,
                        distance, t.Code, _units[t.Unit].Code));
                    want--;
                    break;
                }
            }

            // Overlap: split a long piece into two segments of the same area that overlap in the middle.
            want = Target(options.OverlapFraction);
            var extra = new List<SegmentDraft>();
            foreach (var i in Shuffled())
            {
                if (want == 0) break;
                if (reserved[i]) continue;
                var s = drafts[i];
                var overlap = random.Range(100, 400);
                var piece = s.Pieces.FindIndex(p => p.Length >= overlap + 600);
                if (piece < 0) continue;
                var p = s.Pieces[piece];
                var middle = random.Range(p.From + 300 + overlap / 2, p.To - 300 - overlap / 2);
                var second = new SegmentDraft
                {
                    River = s.River,
                    Level = s.Level,
                    Unit = s.Unit,
                    Pieces = [new Interval(middle - overlap / 2, p.To), .. s.Pieces.Skip(piece + 1)],
                    Code = s.Code + "-2",
                };
                s.Pieces = [.. s.Pieces.Take(piece), new Interval(p.From, middle + overlap / 2)];
                extra.Add(second);
                reserved[i] = true;
                defects.Add(new PlantedDefect(DefectKind.Overlap, s.Code, _riverCodes[s.River], s.Level, _units[s.Unit].Code,
                    overlap, second.Code, _units[s.Unit].Code));
                want--;
            }

            // Vacant: the segment stays without a chief; unassigned: the segment is dropped. Both take a whole segment.
            PlantWhole(DefectKind.Vacant, options.VacantFraction, s => s.Vacant = true);
            PlantWhole(DefectKind.Unassigned, options.UnassignedFraction, s => s.Dropped = true);

            void PlantWhole(DefectKind kind, double fraction, Action<SegmentDraft> plant)
            {
                var wanted = Target(fraction);
                foreach (var i in Shuffled())
                {
                    if (wanted == 0) break;
                    if (reserved[i]) continue;
                    var s = drafts[i];
                    plant(s);
                    reserved[i] = true;
                    defects.Add(new PlantedDefect(kind, s.Code, _riverCodes[s.River], s.Level, _units[s.Unit].Code, s.Pieces.Sum(p => p.Length)));
                    wanted--;
                }
            }

            // Split-off parts follow their original right away, so codes stay in river/level/measure order.
            var splitOff = extra.ToDictionary(d => d.Code[..^2], StringComparer.Ordinal);
            var final = new List<SegmentDraft>(drafts.Count + extra.Count);
            foreach (var d in drafts)
            {
                if (!d.Dropped) final.Add(d);
                if (splitOff.TryGetValue(d.Code, out var second)) final.Add(second);
            }
            drafts.Clear();
            drafts.AddRange(final);
            defects.Sort((a, b) => a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : string.CompareOrdinal(a.SegmentCode, b.SegmentCode));
            return defects;
        }

        /// <summary>Which piece of segment <paramref name="index"/> can run <paramref name="distance"/> m into a neighbour, and that neighbour.</summary>
        private static (int Piece, int Neighbour)? SpillPlan(List<SegmentDraft> drafts, List<int> sameRiverLevel, int index, bool downstream,
            double distance, bool[] reserved)
        {
            var s = drafts[index];
            for (var k = 0; k < s.Pieces.Count; k++)
            {
                var end = downstream ? s.Pieces[k].To : s.Pieces[k].From;
                foreach (var j in sameRiverLevel)
                {
                    if (j == index || reserved[j]) continue;
                    foreach (var q in drafts[j].Pieces)
                    {
                        var touches = downstream ? Math.Abs(q.From - end) < 1.0 : Math.Abs(q.To - end) < 1.0;
                        if (touches && q.Length >= distance + 100) return (k, j);
                    }
                }
            }
            return null;
        }

        private static readonly int[] ChiefCapacity = [1, 2, 3, 4, 8];

        private List<Chief> AppointChiefs(List<SegmentDraft> drafts)
        {
            var random = Seeds.For(_seed, Stage.Chiefs);
            var byUnit = new List<SegmentDraft>?[_units.Count];
            foreach (var d in drafts)
            {
                if (d.Vacant || d.Dropped) continue;
                (byUnit[d.Unit] ??= []).Add(d);
            }
            var chiefs = new List<Chief>();
            int general = 0, river = 0;
            // Top-down, area by area: the general chief (总河长) first, then the river chiefs (河长) the area's segments need.
            foreach (var u in AreaOutputOrder())
            {
                var unit = _units[u];
                chiefs.Add(new Chief(string.Create(CultureInfo.InvariantCulture, $"G{_pp}-{++general:D6}"), ChineseNames.Person(random),
                    ChiefRole.General, unit.Code, Phone(chiefs.Count)));
                if (byUnit[u] is not { } segments) continue;
                segments.Sort((a, b) => a.River != b.River ? a.River.CompareTo(b.River) : a.Pieces[0].From.CompareTo(b.Pieces[0].From));
                var capacity = ChiefCapacity[(int)unit.Level];
                for (var k = 0; k < segments.Count; k += capacity)
                {
                    var chief = new Chief(string.Create(CultureInfo.InvariantCulture, $"C{_pp}-{++river:D6}"), ChineseNames.Person(random),
                        ChiefRole.Chief, unit.Code, Phone(chiefs.Count));
                    chiefs.Add(chief);
                    for (var j = k; j < Math.Min(segments.Count, k + capacity); j++) segments[j].ChiefId = chief.Id;
                }
            }
            return chiefs;
        }

        /// <summary>
        /// Fictional mobile numbers, unique, 11 digits: 1380000xxxx first, then the other 13x prefixes
        /// (1390000xxxx, 1370000xxxx …), then 13x0001xxxx and so on.
        /// </summary>
        private static string Phone(int index)
        {
            int[] prefixes = [8, 9, 7, 6, 5, 3, 2, 1, 0, 4];
            var block = index / 10_000;
            var prefix = prefixes[block % prefixes.Length];
            var middle = block / prefixes.Length;
            return string.Create(CultureInfo.InvariantCulture, $"13{prefix}{middle:D4}{index % 10_000:D4}");
        }

        private void DrawSegments(List<SegmentDraft> drafts)
        {
            Parallel.For(0, drafts.Count, i =>
            {
                var d = drafts[i];
                var line = _measured[d.River];
                var parts = new List<LineString>();
                foreach (var piece in d.Pieces)
                {
                    var stretch = line.Extract(piece.From, piece.To, RegionFrame.Factory);
                    for (var p = 0; p < stretch.NumGeometries; p++) parts.Add((LineString)stretch.GetGeometryN(p));
                }
                Geometry geometry = parts.Count == 1 ? parts[0] : RegionFrame.Factory.CreateMultiLineString(parts.ToArray());
                d.Geometry = DatasetWriter.Round(geometry);
            });
        }

        // ---------------------------------------------------------------- outlets and patrols

        private static readonly double[] KindWeights = [0.22, 0.28, 0.2, 0.15, 0.15];
        private static readonly string[] KindLabels = ["工业", "生活", "农业", "养殖", "其他"];

        private List<Outlet> PlaceOutlets()
        {
            var outlets = new List<Outlet>();
            for (var r = 0; r < _riverLines.Length; r++)
            {
                var random = Seeds.For(_seed, Stage.OutletPoints, r);
                var line = _measured[r];
                var expected = line.Length / (options.KmPerOutlet * 1000);
                var count = (int)Math.Floor(expected) + (random.NextDouble() < expected - Math.Floor(expected) ? 1 : 0);
                if (line.Length < 400) count = 0;
                var measures = Enumerable.Range(0, count).Select(_ => random.Range(150, line.Length - 150)).Order().ToList();
                var k = 0;
                foreach (var m in measures)
                {
                    var (x, y) = line.ProjectedAt(m);
                    var (dx, dy) = line.DirectionAt(m);
                    var side = random.Next(2) == 0 ? -1 : 1;
                    var offset = random.Range(10, 80) * line.ScaleFactor * side;
                    var (lon, lat) = _projection.Unproject(x - dy * offset, y + dx * offset);
                    // Near the region's edge, put it on the bank that lies inside the region.
                    if (!_frame.LonLatEnvelope.Contains(lon, lat)) (lon, lat) = _projection.Unproject(x + dy * offset, y - dx * offset);
                    var kind = (OutletKind)random.Weighted(KindWeights);
                    var above = random.NextDouble() < kind switch { OutletKind.Industrial => 0.45, OutletKind.Municipal => 0.6, _ => 0.15 };
                    var permit = (PermitStatus)random.Weighted(above ? [0.8, 0.15, 0.05] : [0.45, 0.25, 0.3]);
                    var location = RegionFrame.Factory.CreatePoint(new Coordinate(RegionFrame.Snap(lon), RegionFrame.Snap(lat)));
                    outlets.Add(new Outlet(string.Create(CultureInfo.InvariantCulture, $"PK{_pp}-{outlets.Count + 1:D6}"),
                        $"{_riverNames[r]}{++k}号{KindLabels[(int)kind]}排污口", kind, above ? OutletScale.Above : OutletScale.Below,
                        permit, _riverCodes[r], location));
                }
            }
            return outlets;
        }

        /// <summary>Months of patrols by every chief with a beat (<see cref="PatrolSimulator"/>), cheats planted among them.</summary>
        private (List<PatrolTrack> Tracks, List<PlantedCheat> Cheats) Patrols(List<Chief> chiefs, List<SegmentDraft> drafts)
        {
            var byUnit = new List<SegmentDraft>?[_units.Count];
            var unitOf = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var u = 0; u < _units.Count; u++) unitOf[_units[u].Code] = u;
            foreach (var d in drafts.Where(d => !d.Dropped)) (byUnit[d.Unit] ??= []).Add(d);
            IEnumerable<SegmentDraft> Subtree(int unit) =>
                (byUnit[unit] ?? []).Concat(_units[unit].Children.SelectMany(Subtree));
            var beats = new List<PatrolSimulator.Beat>(chiefs.Count);
            var byChief = drafts.Where(d => !d.Dropped && d.ChiefId is not null).ToLookup(d => d.ChiefId!);
            for (var i = 0; i < chiefs.Count; i++)
            {
                var chief = chiefs[i];
                var unit = unitOf[chief.AreaCode];
                var held = chief.Role == ChiefRole.General ? Subtree(unit).ToList() : byChief[chief.Id].ToList();
                var stretches = held.SelectMany(d => d.Pieces.Select(p => (d.River, p))).Where(s => s.p.Length > 0).ToList();
                var envelope = new Envelope();
                // Only river chiefs are sent to another river (a general chief's beat is the whole area), so only theirs is needed.
                if (chief.Role == ChiefRole.Chief)
                    foreach (var (river, piece) in stretches) envelope.ExpandToInclude(StretchEnvelope(_measured[river], piece));
                beats.Add(new PatrolSimulator.Beat(i, chief, _units[unit].Level, stretches, envelope));
            }
            return new PatrolSimulator(options, _projection, _measured).Simulate(beats);
        }

        private static Envelope StretchEnvelope(MeasuredLine line, Interval piece)
        {
            var envelope = new Envelope();
            var (x0, y0) = line.ProjectedAt(piece.From);
            var (x1, y1) = line.ProjectedAt(piece.To);
            envelope.ExpandToInclude(x0, y0);
            envelope.ExpandToInclude(x1, y1);
            for (var i = line.EdgeAt(piece.From) + 1; i <= line.EdgeAt(piece.To) && i < line.VertexCount; i++) envelope.ExpandToInclude(line.X[i], line.Y[i]);
            return envelope;
        }

        // ---------------------------------------------------------------- assembly

        /// <summary>Areas top-down, each level in code order.</summary>
        private IEnumerable<int> AreaOutputOrder() =>
            Enumerable.Range(0, _units.Count).OrderBy(i => _units[i].Level).ThenBy(i => _units[i].Code, StringComparer.Ordinal);

        private DatasetContent Assemble(List<Chief> chiefs, List<SegmentDraft> drafts, List<Outlet> outlets, List<PatrolTrack> tracks)
        {
            var province = _units[0];
            var content = new DatasetContent
            {
                Code = options.DatasetCode,
                Name = string.Create(CultureInfo.InvariantCulture, $"{province.Name}（合成数据，{options.Rivers}条河流，种子{options.Seed}）"),
            };
            foreach (var i in AreaOutputOrder())
            {
                var u = _units[i];
                content.Areas.Add(new(new AdminArea(u.Code, u.Name, u.Level, u.Parent >= 0 ? _units[u.Parent].Code : null, u.Geometry),
                    content.Areas.Count, SyntheticProperties));
            }
            foreach (var chief in chiefs) content.Chiefs.Add(new(chief, content.Chiefs.Count + 2, null));
            for (var r = 0; r < _riverLines.Length; r++)
            {
                var receiver = _paths[r].Receiver;
                content.Rivers.Add(new(new River(_riverCodes[r], _riverNames[r], _riverLevels[r], receiver >= 0 ? _riverCodes[receiver] : null,
                    _riverLines[r]), r, SyntheticProperties));
            }
            foreach (var d in drafts)
            {
                var unit = _units[d.Unit];
                content.Segments.Add(new(new Segment(d.Code, _riverCodes[d.River], d.Level, unit.Code, d.ChiefId,
                    $"{_riverNames[d.River]}{unit.Name}段", d.Geometry!), content.Segments.Count, SyntheticProperties));
            }
            foreach (var o in outlets) content.Outlets.Add(new(o, content.Outlets.Count, SyntheticProperties));
            foreach (var t in tracks) content.PatrolTracks.Add(new(t, content.PatrolTracks.Count, SyntheticProperties));
            return content;
        }

        private GenerationStatistics Statistics()
        {
            var sinuosity = Enumerable.Range(0, _riverLines.Length)
                .Select(r => _measured[r].Length / Math.Max(1, Geodesic.Distance(_riverLines[r].Coordinates[0], _riverLines[r].Coordinates[^1])))
                .Order().ToList();
            return new GenerationStatistics
            {
                RegionWidthKm = _frame.Width / 1000,
                RegionHeightKm = _frame.Height / 1000,
                RegionAreaKm2 = _frame.Width * _frame.Height / 1e6,
                TotalRiverKm = _measured.Sum(m => m.Length) / 1000,
                AreasByLevel = AdminLevels.TopDown.ToDictionary(l => l, l => _units.Count(u => u.Level == l)),
                RiversByLevel = AdminLevels.TopDown.ToDictionary(l => l, l => _riverLevels.Count(x => x == l)),
                SimplifiedRivers = _simplified,
                MedianSinuosity = sinuosity[sinuosity.Count / 2],
                Timings = _timings,
            };
        }
    }
}
