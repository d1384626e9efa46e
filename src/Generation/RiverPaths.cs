namespace RiverGis.Generation;

/// <summary>One river traced on the drainage grid.</summary>
/// <param name="Cells">Cells from the source down to the last cell before the confluence (trunks: down to the outlet).</param>
/// <param name="Receiver">Index of the river it flows into, -1 for a trunk leaving the region.</param>
/// <param name="JunctionCell">The receiver's cell where it joins, -1 for a trunk.</param>
/// <param name="Outlet">Index of the outlet a trunk leaves through, -1 for tributaries.</param>
/// <param name="EstimatedLength">Length along the grid (m), confluence step included.</param>
/// <param name="InletSide">For the great river: the side of the region it flows in from; -1 for rivers rising inside.</param>
internal sealed record RiverPath(int[] Cells, int Receiver, int JunctionCell, int Outlet, double EstimatedLength, int MouthAccumulation, int InletSide);

/// <summary>
/// Turns the drainage grid into exactly N named-river-sized rivers: channels are the cells draining at least a
/// threshold area (and the great river's cells); at each confluence the branch with the longest way upstream keeps
/// the name (the main stem, as in Hack's law), the others end there as tributaries. The threshold is the largest that still yields N rivers of at least the minimum length once
/// shorter headwater streams are dropped; the shortest remaining headwater streams are then dropped down to N.
/// </summary>
internal static class RiverPaths
{
    private sealed record Raw(List<int> MouthToSource, int Receiver, int JunctionCell, int Outlet, double Length);

    public static List<RiverPath> Extract(DrainageNetwork network, int riverCount, double minLength)
    {
        var (childStart, children) = ChildLists(network);
        var maxAccumulation = network.Outlets.Max(o => network.Accumulation[o]) + 1;
        int lo = 1, hi = maxAccumulation;
        // Largest threshold whose network still has riverCount rivers after dropping short headwater streams.
        while (lo < hi)
        {
            var mid = lo + (hi - lo + 1) / 2;
            if (CountAfterPruning(Decompose(network, childStart, children, mid), minLength) >= riverCount) lo = mid;
            else hi = mid - 1;
        }
        var rivers = Decompose(network, childStart, children, lo);
        var alive = Prune(rivers, minLength, out var count);
        if (count < riverCount)
            throw new InvalidOperationException($"the drainage grid holds only {count} rivers of at least {minLength} m; need {riverCount}");
        TrimShortest(rivers, alive, count - riverCount);
        return Ordered(network, rivers, alive);
    }

    private static (int[] Start, int[] List) ChildLists(DrainageNetwork network)
    {
        var n = network.CellCount;
        var start = new int[n + 1];
        for (var cell = 0; cell < n; cell++)
        {
            var down = network.Downstream[cell];
            if (down >= 0) start[down + 1]++;
        }
        for (var i = 0; i < n; i++) start[i + 1] += start[i];
        var fill = (int[])start.Clone();
        var list = new int[Math.Max(0, start[n])];
        for (var cell = 0; cell < n; cell++)
        {
            var down = network.Downstream[cell];
            if (down >= 0) list[fill[down]++] = cell;
        }
        return (start, list);
    }

    private static List<Raw> Decompose(DrainageNetwork network, int[] childStart, int[] children, int threshold)
    {
        var acc = network.Accumulation;
        var main = network.IsMainPath;
        bool Channel(int cell) => acc[cell] >= threshold || main[cell];
        // Longest channel path upstream of each channel cell.
        var upstream = new double[network.CellCount];
        for (var k = network.Order.Length - 1; k >= 0; k--)
        {
            var cell = network.Order[k];
            var down = network.Downstream[cell];
            if (down < 0 || !Channel(cell)) continue;
            upstream[down] = Math.Max(upstream[down], upstream[cell] + network.StepLength(cell, down));
        }
        var previousOnMain = new Dictionary<int, int>();
        for (var i = 1; i < network.MainPath.Length; i++) previousOnMain[network.MainPath[i]] = network.MainPath[i - 1];

        var rivers = new List<Raw>();
        var stack = new Stack<(int Mouth, int Receiver, int Junction, int Outlet)>();
        for (var k = network.Outlets.Length - 1; k >= 0; k--)
        {
            if (Channel(network.Outlets[k])) stack.Push((network.Outlets[k], -1, -1, k));
        }
        while (stack.Count > 0)
        {
            var (mouth, receiver, junction, outlet) = stack.Pop();
            var index = rivers.Count;
            var cells = new List<int> { mouth };
            var length = junction >= 0 ? network.StepLength(mouth, junction) : network.Cell / 2;
            var current = mouth;
            while (true)
            {
                var next = -1;
                if (main[current])
                {
                    // The great river keeps its own course up to where it enters the region.
                    if (previousOnMain.TryGetValue(current, out var previous)) next = previous;
                }
                else
                {
                    for (var c = childStart[current]; c < childStart[current + 1]; c++)
                    {
                        var child = children[c];
                        if (!Channel(child)) continue;
                        if (next < 0 || upstream[child] + network.StepLength(child, current) > upstream[next] + network.StepLength(next, current)
                            || (upstream[child] + network.StepLength(child, current) == upstream[next] + network.StepLength(next, current) && acc[child] > acc[next]))
                            next = child;
                    }
                }
                for (var c = childStart[current]; c < childStart[current + 1]; c++)
                {
                    var child = children[c];
                    if (child != next && Channel(child)) stack.Push((child, index, current, -1));
                }
                if (next < 0) break;
                length += network.StepLength(next, current);
                current = next;
                cells.Add(current);
            }
            rivers.Add(new Raw(cells, receiver, junction, outlet, length));
        }
        return rivers;
    }

    private static int CountAfterPruning(List<Raw> rivers, double minLength)
    {
        Prune(rivers, minLength, out var count);
        return count;
    }

    /// <summary>Drops headwater rivers (no tributaries left) shorter than <paramref name="minLength"/>, repeatedly.</summary>
    private static bool[] Prune(List<Raw> rivers, double minLength, out int count)
    {
        var alive = new bool[rivers.Count];
        Array.Fill(alive, true);
        var tributaries = new int[rivers.Count];
        foreach (var river in rivers)
        {
            if (river.Receiver >= 0) tributaries[river.Receiver]++;
        }
        var queue = new Queue<int>();
        for (var i = 0; i < rivers.Count; i++)
        {
            if (tributaries[i] == 0 && rivers[i].Length < minLength) queue.Enqueue(i);
        }
        count = rivers.Count;
        while (queue.Count > 0)
        {
            var i = queue.Dequeue();
            alive[i] = false;
            count--;
            var receiver = rivers[i].Receiver;
            if (receiver >= 0 && --tributaries[receiver] == 0 && rivers[receiver].Length < minLength) queue.Enqueue(receiver);
        }
        return alive;
    }

    private static void TrimShortest(List<Raw> rivers, bool[] alive, int excess)
    {
        if (excess <= 0) return;
        var tributaries = new int[rivers.Count];
        for (var i = 0; i < rivers.Count; i++)
        {
            if (alive[i] && rivers[i].Receiver >= 0) tributaries[rivers[i].Receiver]++;
        }
        var heap = new PriorityQueue<int, (double Length, int Index)>();
        for (var i = 0; i < rivers.Count; i++)
        {
            if (alive[i] && tributaries[i] == 0 && rivers[i].Receiver >= 0) heap.Enqueue(i, (rivers[i].Length, i));
        }
        while (excess > 0 && heap.TryDequeue(out var i, out _))
        {
            alive[i] = false;
            excess--;
            var receiver = rivers[i].Receiver;
            if (receiver >= 0 && --tributaries[receiver] == 0 && rivers[receiver].Receiver >= 0)
                heap.Enqueue(receiver, (rivers[receiver].Length, receiver));
        }
    }

    /// <summary>Rivers basin by basin, each trunk followed depth-first by its tributaries from the mouth upwards.</summary>
    private static List<RiverPath> Ordered(DrainageNetwork network, List<Raw> rivers, bool[] alive)
    {
        var tributariesOf = new List<int>[rivers.Count];
        for (var i = 0; i < rivers.Count; i++) tributariesOf[i] = [];
        for (var i = 0; i < rivers.Count; i++)
        {
            if (alive[i] && rivers[i].Receiver >= 0) tributariesOf[rivers[i].Receiver].Add(i);
        }
        var newIndex = new int[rivers.Count];
        var order = new List<int>();
        var stack = new Stack<int>();
        for (var i = rivers.Count - 1; i >= 0; i--)
        {
            if (alive[i] && rivers[i].Receiver < 0) stack.Push(i);
        }
        // Trunks in outlet order: the stack was filled in reverse.
        var trunks = stack.OrderBy(i => rivers[i].Outlet).ToList();
        stack.Clear();
        for (var t = trunks.Count - 1; t >= 0; t--) stack.Push(trunks[t]);
        while (stack.Count > 0)
        {
            var i = stack.Pop();
            newIndex[i] = order.Count;
            order.Add(i);
            var positions = rivers[i].MouthToSource;
            var byJunction = tributariesOf[i]
                .OrderBy(t => positions.IndexOf(rivers[t].JunctionCell))
                .ThenBy(t => rivers[t].MouthToSource[0])
                .ToList();
            for (var k = byJunction.Count - 1; k >= 0; k--) stack.Push(byJunction[k]);
        }
        return order.Select(i =>
        {
            var raw = rivers[i];
            var cells = raw.MouthToSource.ToArray();
            Array.Reverse(cells);
            var greatRiver = network.MainPath.Length > 0 && raw.Outlet == 0;
            return new RiverPath(cells, raw.Receiver >= 0 ? newIndex[raw.Receiver] : -1, raw.JunctionCell, raw.Outlet, raw.Length,
                network.Accumulation[raw.MouthToSource[0]], greatRiver ? network.MainInletSide : -1);
        }).ToList();
    }
}
