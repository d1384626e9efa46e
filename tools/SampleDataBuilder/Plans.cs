using RiverGis.Geo.Model;

namespace RiverGis.SampleDataBuilder;

/// <summary>
/// What each dataset contains and where its defects are planted. The sites are chosen by hand (clean,
/// single-piece stretches) and every helper asserts that the site is what the README says it is.
/// </summary>
public static class Plans
{
    public static Dataset Liechtenstein(string shared, People people)
    {
        var ds = OsmDatasets.Liechtenstein(shared);
        Segments.NodeRivers(ds);
        Segments.LinkDownstream(ds);
        Segments.Cut(ds, ("LI-R-BINNENKANAL", AdminLevel.Township, "LI-03"), ("LI-R-SPIRSBACH", AdminLevel.Township, "LI-08"));
        Segments.Vacate(ds, Segments.Find(ds, "LI-R-EGELGRABA", AdminLevel.Township, "LI-07"));
        Segments.SpillOver(ds, Segments.Find(ds, "LI-R-BINNENKANAL", AdminLevel.Township, "LI-11"), 500, "LI-07");
        Segments.Overlap(ds, Segments.Find(ds, "LI-R-BINNENKANAL", AdminLevel.Township, "LI-09"), 250, "LI-01");
        Segments.Audit(ds);
        Synthetic.AssignChiefs(ds, people, "LI-08");
        Synthetic.AddUnits(ds);
        Synthetic.AddOutlets(ds, 12, seed: 11);
        Synthetic.AddTracks(ds, 5, seed: 12, AdminLevel.Township);
        WaterSamples.Add(ds, 5, seed: 13);
        return ds;
    }

    public static Dataset Andorra(string shared, People people)
    {
        var ds = OsmDatasets.Andorra(shared);
        Segments.NodeRivers(ds);
        Segments.LinkDownstream(ds);
        Segments.Cut(ds, ("AD-R-VALIRA-DEL-NORD", AdminLevel.Township, "AD-04"));
        Segments.Vacate(ds, Segments.Find(ds, "AD-R-RIU-D-OS-DE-CIVIS", AdminLevel.Township, "AD-06"));
        Segments.SpillOver(ds, Segments.Find(ds, "AD-R-VALIRA", AdminLevel.Township, "AD-07"), 600, "AD-06");
        Segments.Overlap(ds, Segments.Find(ds, "AD-R-VALIRA-D-ORIENT", AdminLevel.Township, "AD-08"), 300, "AD-03");
        Segments.Audit(ds);
        Synthetic.AssignChiefs(ds, people);
        Synthetic.AddUnits(ds);
        Synthetic.AddOutlets(ds, 11, seed: 21);
        Synthetic.AddTracks(ds, 4, seed: 22, AdminLevel.Township);
        WaterSamples.Add(ds, 5, seed: 23);
        return ds;
    }

    public static Dataset Jinkouhe(string shared, People people)
    {
        var ds = RiverGis.SampleDataBuilder.Jinkouhe.Build(shared);
        Segments.NodeRivers(ds);
        Segments.LinkDownstream(ds);
        Segments.Cut(ds, ("511113-R-DADU", AdminLevel.Village, "511113100003"));
        Segments.Vacate(ds, Segments.Find(ds, "511113-R-GUANLIAO", AdminLevel.Village, "511113100201"));
        Segments.Vacate(ds, Segments.Find(ds, "511113-R-BAIXIONG", AdminLevel.Township, "511113101"));
        Segments.SpillOver(ds, Segments.Find(ds, "511113-R-DADU", AdminLevel.Village, "511113101201"), 500, "511113101203");
        Segments.Overlap(ds, Segments.Find(ds, "511113-R-DASHA", AdminLevel.Village, "511113201205"), 250, "511113201208");
        Segments.Audit(ds);
        Synthetic.AssignChiefs(ds, people);
        Synthetic.AddUnits(ds);
        Synthetic.AddOutlets(ds, 14, seed: 31);
        Synthetic.AddTracks(ds, 6, seed: 32, AdminLevel.Township, AdminLevel.Village);
        WaterSamples.Add(ds, 6, seed: 33);
        return ds;
    }
}
