namespace RiverGis.Generation;

/// <summary>
/// A drainage grid over the region: every cell flows to one of its eight neighbours, down to a great river crossing the
/// region (过境干流, entering on one side and leaving on the opposite one) or to outlets on the region's edge. Built
/// like a priority flood on a real DEM: the basins grow from the great river and the outlets in order of a synthetic
/// elevation (distance to them, fractal relief, roughness), depressions are filled, then every cell drains by steepest
/// descent on the filled surface towards a cell reached earlier — so there are no pits and every path ends at an
/// outlet. Diagonal flows never cross each other, so the tree drawn through the cells is planar.
/// </summary>
internal sealed class DrainageNetwork
{
    private static readonly (int Dx, int Dy)[] Neighbours =
        [(1, 0), (0, 1), (-1, 0), (0, -1), (1, 1), (-1, 1), (-1, -1), (1, -1)];

    private DrainageNetwork(int width, int height, double cell, double offsetX, double offsetY)
    {
        Width = width;
        Height = height;
        Cell = cell;
        OffsetX = offsetX;
        OffsetY = offsetY;
        Downstream = new int[width * height];
        Accumulation = new int[width * height];
        Order = new int[width * height];
        IsMainPath = new bool[width * height];
    }

    public int Width { get; }
    public int Height { get; }
    /// <summary>Cell size (m).</summary>
    public double Cell { get; }
    /// <summary>Plane position of the grid's south-west corner (the grid sits centred in the region).</summary>
    public double OffsetX { get; }
    public double OffsetY { get; }
    /// <summary>The cell each cell flows into; -1 at outlets.</summary>
    public int[] Downstream { get; }
    /// <summary>Number of cells draining through each cell (itself included).</summary>
    public int[] Accumulation { get; }
    /// <summary>Cells in the order the basins reached them (outlets first): every cell comes after its downstream cell.</summary>
    public int[] Order { get; }
    /// <summary>Outlet cells on the region's edge; with a great river, index 0 is where it leaves the region.</summary>
    public int[] Outlets { get; private set; } = [];
    /// <summary>Side of the region each outlet drains through: 0 west, 1 east, 2 south, 3 north.</summary>
    public int[] OutletSides { get; private set; } = [];
    /// <summary>The great river's cells from where it enters to where it leaves (empty without one).</summary>
    public int[] MainPath { get; private set; } = [];
    /// <summary>Side the great river enters through (-1 without one).</summary>
    public int MainInletSide { get; private set; } = -1;
    public bool[] IsMainPath { get; }

    public int CellCount => Width * Height;

    public (double X, double Y) Centre(int cell) => (OffsetX + (cell % Width + 0.5) * Cell, OffsetY + (cell / Width + 0.5) * Cell);

    public static DrainageNetwork Build(double regionWidth, double regionHeight, double cell, int edgeOutlets, bool greatRiver, int seed)
    {
        var width = Math.Max(8, (int)Math.Floor(regionWidth / cell));
        var height = Math.Max(8, (int)Math.Floor(regionHeight / cell));
        var network = new DrainageNetwork(width, height, cell, (regionWidth - width * cell) / 2, (regionHeight - height * cell) / 2);
        var random = Seeds.For(seed, Stage.Outlets);
        if (greatRiver) network.TraceGreatRiver(random);
        network.PlaceOutlets(greatRiver ? edgeOutlets : Math.Max(1, edgeOutlets), random);
        network.Flood(Seeds.For(seed, Stage.Terrain));
        network.Accumulate();
        return network;
    }

    /// <summary>
    /// A great river across the longer axis, entering and leaving at 30–70 % of the other axis, wandering with
    /// low-frequency noise; traced as an 8-connected path that only ever advances along the axis (so it is simple).
    /// </summary>
    private void TraceGreatRiver(Random random)
    {
        var horizontal = Width >= Height;
        var reversed = random.Next(2) == 0;
        var along = horizontal ? Width : Height;
        var across = horizontal ? Height : Width;
        var c0 = across * random.Range(0.3, 0.7);
        var c1 = across * random.Range(0.3, 0.7);
        var wander = new ValueNoise(random, wavelength: Math.Max(8, along / 4.0), octaves: 5);
        var phase = random.Range(0, 100);
        int Target(int a) => (int)Math.Round(Math.Clamp(c0 + (c1 - c0) * a / (along - 1.0) + 0.3 * across * wander.At(a, phase), 3, across - 4));
        int CellAt(int a, int c)
        {
            var aa = reversed ? along - 1 - a : a;
            return horizontal ? c * Width + aa : aa * Width + c;
        }
        var path = new List<int>();
        var current = Target(0);
        path.Add(CellAt(0, current));
        for (var a = 1; a < along; a++)
        {
            var target = Target(a);
            while (Math.Abs(target - current) > 1)
            {
                current += Math.Sign(target - current);
                path.Add(CellAt(a - 1, current));
            }
            current = target;
            path.Add(CellAt(a, current));
        }
        MainPath = path.ToArray();
        foreach (var c in MainPath) IsMainPath[c] = true;
        MainInletSide = horizontal ? (reversed ? 1 : 0) : (reversed ? 3 : 2);
        Outlets = [MainPath[^1]];
        OutletSides = [horizontal ? (reversed ? 0 : 1) : (reversed ? 2 : 3)];
    }

    /// <summary>Outlets spread around the perimeter, off the corners and away from where the great river crosses the edge.</summary>
    private void PlaceOutlets(int count, Random random)
    {
        var outlets = Outlets.ToList();
        var sides = OutletSides.ToList();
        var perimeter = 2 * (Width + Height);
        count = Math.Clamp(count, 0, perimeter / 8);
        if (count == 0) return;
        var spacing = (double)perimeter / count;
        var start = random.NextDouble() * spacing;
        bool NearMain(int cell) => MainPath.Length > 0 && new[] { MainPath[0], MainPath[^1] }
            .Any(m => Math.Max(Math.Abs(m % Width - cell % Width), Math.Abs(m / Width - cell / Width)) < 8);
        for (var k = 0; k < count; k++)
        {
            var p = (int)Math.Floor(start + k * spacing + random.Range(-0.3, 0.3) * spacing);
            p = ((p % perimeter) + perimeter) % perimeter;
            var (cell, side) = PerimeterCell(p);
            if (outlets.Contains(cell) || NearMain(cell)) continue;
            outlets.Add(cell);
            sides.Add(side);
        }
        Outlets = outlets.ToArray();
        OutletSides = sides.ToArray();
    }

    /// <summary>The boundary cell at perimeter position <paramref name="p"/> (south edge west→east, east edge, north edge, west edge), kept off the corners.</summary>
    private (int Cell, int Side) PerimeterCell(int p)
    {
        int Clamp(int v, int n) => Math.Clamp(v, Math.Min(2, n / 2), Math.Max(n - 3, n / 2));
        if (p < Width) return (Clamp(p, Width), 2);
        p -= Width;
        if (p < Height) return (Clamp(p, Height) * Width + Width - 1, 1);
        p -= Height;
        if (p < Width) return ((Height - 1) * Width + Clamp(Width - 1 - p, Width), 3);
        p -= Width;
        return (Clamp(Height - 1 - p, Height) * Width, 0);
    }

    private void Flood(Random random)
    {
        var n = CellCount;
        // Seeds: the great river from its mouth upstream (each cell after the one it flows into), then the edge outlets.
        var seeds = new List<int>();
        Array.Fill(Downstream, -2);
        for (var i = MainPath.Length - 1; i >= 0; i--)
        {
            seeds.Add(MainPath[i]);
            Downstream[MainPath[i]] = i + 1 < MainPath.Length ? MainPath[i + 1] : -1;
        }
        foreach (var outlet in Outlets)
        {
            if (Downstream[outlet] != -2) continue;
            seeds.Add(outlet);
            Downstream[outlet] = -1;
        }

        // Synthetic elevation: distance to the nearest seed (cells) + large-scale undulation + fractal relief + roughness.
        var distance = ChamferDistance(seeds);
        var relief = new ValueNoise(random, wavelength: 28, octaves: 4, latticeSize: 1024);
        var undulation = new ValueNoise(random, wavelength: 70, octaves: 2, latticeSize: 1024);
        var roughness = new double[n];
        for (var i = 0; i < n; i++) roughness[i] = random.NextDouble();
        var key = new double[n];
        for (var cell = 0; cell < n; cell++)
        {
            double x = cell % Width, y = cell / Width;
            key[cell] = distance[cell] + 20 * undulation.At(x, y) + 22 * relief.At(x, y) + 2.5 * roughness[cell];
        }

        // 1. Priority flood from the seeds: the order in which water could reach each cell, and the filled surface
        //    (depressions raised to their spill level, plus a random small rise so that filled flats still branch).
        var filled = new double[n];
        var visited = new bool[n];
        var rank = new int[n];
        var order = 0;
        var queue = new PriorityQueue<int, (double Key, int Cell)>(n);
        foreach (var seed in seeds)
        {
            visited[seed] = true;
            filled[seed] = key[seed];
            rank[seed] = order;
            Order[order++] = seed;
        }
        void Spread(int cell)
        {
            int cx = cell % Width, cy = cell / Width;
            foreach (var (dx, dy) in Neighbours)
            {
                int nx = cx + dx, ny = cy + dy;
                if (nx < 0 || ny < 0 || nx >= Width || ny >= Height) continue;
                var next = ny * Width + nx;
                if (visited[next]) continue;
                visited[next] = true;
                filled[next] = Math.Max(key[next], filled[cell] + 0.05 + 0.5 * roughness[next]);
                queue.Enqueue(next, (filled[next], next));
            }
        }
        foreach (var seed in seeds) Spread(seed);
        while (queue.TryDequeue(out var cell, out _))
        {
            rank[cell] = order;
            Order[order++] = cell;
            Spread(cell);
        }
        if (order != n) throw new InvalidOperationException($"drainage flood reached {order} of {n} cells");

        // 2. Steepest descent on the filled surface towards a cell reached earlier (so every path ends at a seed),
        //    never letting two diagonal flows cross inside one 2×2 block (the great river's own steps included).
        for (var k = 0; k < n; k++)
        {
            var cell = Order[k];
            if (Downstream[cell] != -2) continue;
            int cx = cell % Width, cy = cell / Width;
            var best = -1;
            var bestSlope = double.MaxValue;
            foreach (var (dx, dy) in Neighbours)
            {
                int nx = cx + dx, ny = cy + dy;
                if (nx < 0 || ny < 0 || nx >= Width || ny >= Height) continue;
                var next = ny * Width + nx;
                if (rank[next] >= k) continue;
                if (dx != 0 && dy != 0)
                {
                    var p = cy * Width + nx;
                    var q = ny * Width + cx;
                    if (Downstream[p] == q || Downstream[q] == p) continue;
                }
                var slope = (filled[next] - filled[cell]) / (dx != 0 && dy != 0 ? Math.Sqrt(2) : 1);
                if (slope < bestSlope)
                {
                    bestSlope = slope;
                    best = next;
                }
            }
            // The neighbour that first reached this cell is earlier; if it is diagonal and blocked, the blocking flow
            // starts at an earlier orthogonal neighbour, which can never be blocked: best is always set.
            Downstream[cell] = best >= 0 ? best : throw new InvalidOperationException($"cell {cell} has no downstream neighbour");
        }
    }

    /// <summary>Distance (cells) to the nearest seed: two-pass 1/√2 chamfer transform.</summary>
    private double[] ChamferDistance(List<int> seeds)
    {
        var d = new double[CellCount];
        Array.Fill(d, double.MaxValue / 4);
        foreach (var s in seeds) d[s] = 0;
        var diagonal = Math.Sqrt(2);
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var i = y * Width + x;
                if (x > 0) d[i] = Math.Min(d[i], d[i - 1] + 1);
                if (y > 0)
                {
                    d[i] = Math.Min(d[i], d[i - Width] + 1);
                    if (x > 0) d[i] = Math.Min(d[i], d[i - Width - 1] + diagonal);
                    if (x + 1 < Width) d[i] = Math.Min(d[i], d[i - Width + 1] + diagonal);
                }
            }
        }
        for (var y = Height - 1; y >= 0; y--)
        {
            for (var x = Width - 1; x >= 0; x--)
            {
                var i = y * Width + x;
                if (x + 1 < Width) d[i] = Math.Min(d[i], d[i + 1] + 1);
                if (y + 1 < Height)
                {
                    d[i] = Math.Min(d[i], d[i + Width] + 1);
                    if (x + 1 < Width) d[i] = Math.Min(d[i], d[i + Width + 1] + diagonal);
                    if (x > 0) d[i] = Math.Min(d[i], d[i + Width - 1] + diagonal);
                }
            }
        }
        return d;
    }

    private void Accumulate()
    {
        Array.Fill(Accumulation, 1);
        for (var k = Order.Length - 1; k >= 0; k--)
        {
            var cell = Order[k];
            var down = Downstream[cell];
            if (down >= 0) Accumulation[down] += Accumulation[cell];
        }
    }

    /// <summary>Length (m) of the step from a cell to its downstream neighbour.</summary>
    public double StepLength(int cell, int down) => (cell % Width != down % Width) && (cell / Width != down / Width) ? Cell * Math.Sqrt(2) : Cell;
}
