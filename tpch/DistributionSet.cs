using System.Globalization;

namespace QueryEngine.Tpch;

/// <summary>The distributions of dbgen's dists.dss, read from the embedded resource.</summary>
internal sealed class DistributionSet
{
    private readonly Dictionary<string, Distribution> _byName;

    private DistributionSet(Dictionary<string, Distribution> byName)
    {
        _byName = byName;
        Containers = Get("p_cntr");
        Colors = Get("colors");
        PartTypes = Get("p_types");
        Nations = Get("nations");
        Regions = Get("regions");
        OrderPriorities = Get("o_oprio");
        ShipInstructions = Get("instruct");
        ShipModes = Get("smode");
        ReturnFlags = Get("rflag");
        Segments = Get("msegmnt");
        Nouns = Get("nouns");
        Verbs = Get("verbs");
        Adjectives = Get("adjectives");
        Adverbs = Get("adverbs");
        Auxiliaries = Get("auxillaries");
        Terminators = Get("terminators");
        Articles = Get("articles");
        Prepositions = Get("prepositions");
        Grammar = Get("grammar");
        NounPhrases = Get("np");
        VerbPhrases = Get("vp");
    }

    public Distribution Containers { get; }
    public Distribution Colors { get; }
    public Distribution PartTypes { get; }
    public Distribution Nations { get; }
    public Distribution Regions { get; }
    public Distribution OrderPriorities { get; }
    public Distribution ShipInstructions { get; }
    public Distribution ShipModes { get; }
    public Distribution ReturnFlags { get; }
    public Distribution Segments { get; }
    public Distribution Nouns { get; }
    public Distribution Verbs { get; }
    public Distribution Adjectives { get; }
    public Distribution Adverbs { get; }
    public Distribution Auxiliaries { get; }
    public Distribution Terminators { get; }
    public Distribution Articles { get; }
    public Distribution Prepositions { get; }
    public Distribution Grammar { get; }
    public Distribution NounPhrases { get; }
    public Distribution VerbPhrases { get; }

    public Distribution Get(string name) =>
        _byName.TryGetValue(name, out var d)
            ? d
            : throw new InvalidOperationException($"dists.dss has no distribution '{name}'");

    /// <summary>Loads the embedded dists.dss.</summary>
    public static DistributionSet LoadEmbedded()
    {
        using var stream = typeof(DistributionSet).Assembly.GetManifestResourceStream("QueryEngine.Tpch.dists.dss")
            ?? throw new InvalidOperationException("embedded resource QueryEngine.Tpch.dists.dss is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    /// <summary>Parses the dists.dss format as dbgen's read_dist does (comments after '#', case-insensitive keywords).</summary>
    public static DistributionSet Parse(TextReader reader)
    {
        var result = new Dictionary<string, Distribution>(StringComparer.OrdinalIgnoreCase);
        string? current = null;
        var tokens = new List<string>();
        var weights = new List<int>();
        var expected = -1;
        var running = 0;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            if (line.Length == 0)
            {
                continue;
            }

            if (current == null)
            {
                var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && parts[0].Equals("BEGIN", StringComparison.OrdinalIgnoreCase))
                {
                    current = parts[1];
                    tokens.Clear();
                    weights.Clear();
                    expected = -1;
                    running = 0;
                }

                continue;
            }

            if (line.StartsWith("END", StringComparison.OrdinalIgnoreCase))
            {
                if (expected != tokens.Count)
                {
                    throw new InvalidOperationException($"dists.dss: distribution '{current}' declares {expected} members but has {tokens.Count}");
                }

                result[current] = new Distribution(current, [.. tokens], [.. weights]);
                current = null;
                continue;
            }

            var bar = line.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0 || !int.TryParse(line.AsSpan(bar + 1).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var weight))
            {
                continue;
            }

            var token = line[..bar];
            if (token.Equals("count", StringComparison.OrdinalIgnoreCase))
            {
                expected = weight;
                continue;
            }

            running += weight;
            tokens.Add(token);
            weights.Add(running);
        }

        return new DistributionSet(result);
    }
}
