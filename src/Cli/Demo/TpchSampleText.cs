using System.Text;

namespace QueryEngine.Cli.Demo;

/// <summary>Word lists of the TPC-H specification (4.2.2.13 and 4.2.3) the sample data draws from.</summary>
internal static class TpchSampleText
{
    public static readonly string[] Regions = ["AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"];

    /// <summary>The 25 nations with their region keys, in key order.</summary>
    public static readonly (string Name, int Region)[] Nations =
    [
        ("ALGERIA", 0), ("ARGENTINA", 1), ("BRAZIL", 1), ("CANADA", 1), ("EGYPT", 4), ("ETHIOPIA", 0), ("FRANCE", 3),
        ("GERMANY", 3), ("INDIA", 2), ("INDONESIA", 2), ("IRAN", 4), ("IRAQ", 4), ("JAPAN", 2), ("JORDAN", 4), ("KENYA", 0),
        ("MOROCCO", 0), ("MOZAMBIQUE", 0), ("PERU", 1), ("CHINA", 2), ("ROMANIA", 3), ("SAUDI ARABIA", 4), ("VIETNAM", 2),
        ("RUSSIA", 3), ("UNITED KINGDOM", 3), ("UNITED STATES", 1),
    ];

    public static readonly string[] Segments = ["AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY", "HOUSEHOLD"];

    public static readonly string[] Priorities = ["1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"];

    public static readonly string[] Instructions = ["DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"];

    public static readonly string[] ShipModes = ["REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"];

    public static readonly string[] TypeSize = ["STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"];

    public static readonly string[] TypeFinish = ["ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"];

    public static readonly string[] TypeMetal = ["TIN", "NICKEL", "BRASS", "STEEL", "COPPER"];

    public static readonly string[] ContainerSize = ["SM", "LG", "MED", "JUMBO", "WRAP"];

    public static readonly string[] ContainerKind = ["CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM"];

    public static readonly string[] Colors =
    [
        "almond", "antique", "aquamarine", "azure", "beige", "bisque", "black", "blanched", "blue", "blush", "brown",
        "burlywood", "burnished", "chartreuse", "chiffon", "chocolate", "coral", "cornflower", "cornsilk", "cream",
        "cyan", "dark", "deep", "dim", "dodger", "drab", "firebrick", "floral", "forest", "frosted", "gainsboro",
        "ghost", "goldenrod", "green", "grey", "honeydew", "hot", "indian", "ivory", "khaki", "lace", "lavender",
        "lawn", "lemon", "light", "lime", "linen", "magenta", "maroon", "medium", "metallic", "midnight", "mint",
        "misty", "moccasin", "navajo", "navy", "olive", "orange", "orchid", "pale", "papaya", "peach", "peru", "pink",
        "plum", "powder", "puff", "purple", "red", "rose", "rosy", "royal", "saddle", "salmon", "sandy", "seashell",
        "sienna", "sky", "slate", "smoke", "snow", "spring", "steel", "tan", "thistle", "tomato", "turquoise",
        "violet", "wheat", "white", "yellow",
    ];

    private static readonly string[] Adverbs = ["sometimes", "always", "never", "furiously", "slyly", "carefully", "blithely", "quickly", "fluffily"];

    private static readonly string[] Adjectives =
        ["furious", "sly", "careful", "blithe", "quick", "fluffy", "slow", "quiet", "ruthless", "thin", "close", "dogged", "daring", "brave", "stealthy", "permanent", "enticing", "idle", "busy", "regular", "final", "ironic", "even", "bold", "silent"];

    private static readonly string[] Nouns =
        ["foxes", "ideas", "theodolites", "pinto beans", "instructions", "dependencies", "excuses", "platelets", "asymptotes", "courts", "dolphins", "multipliers", "sauternes", "warthogs", "frets", "dinos", "attainments", "somas", "Tiresias", "patterns", "forges", "braids", "hockey players", "frays", "warhorses", "dugouts", "notornis", "epitaphs", "pearls", "tithes", "waters", "orbits", "gifts", "sheaves", "depths", "sentiments", "decoys", "realms", "pains", "grouches", "escapades", "packages", "requests", "accounts", "deposits"];

    private static readonly string[] Verbs =
        ["sleep", "wake", "are", "cajole", "haggle", "nag", "use", "boost", "affix", "detect", "integrate", "maintain", "nod", "was", "lose", "sublate", "solve", "thrash", "promise", "engage", "hinder", "print", "x-ray", "breach", "eat", "grow", "impress", "mold", "poach", "serve", "run", "dazzle", "snooze", "doze", "unwind", "kindle", "play", "hang", "believe", "doubt"];

    private static readonly string[] Prepositions = ["about", "above", "according to", "across", "after", "against", "along", "alongside of", "among", "around", "at", "atop", "before", "behind", "beneath", "beside", "besides", "between", "beyond", "by", "despite", "during", "except", "for", "from", "inside", "instead of", "into", "near", "of", "on", "outside", "over", "past", "since", "through", "throughout", "to", "toward", "under", "until", "up", "upon", "without", "with", "within"];

    private static readonly string[] Terminators = [".", ";", ":", "?", "!", "--"];

    /// <summary>Sentences of the TPC-H comment grammar, cut to at most <paramref name="maxLength"/> characters.</summary>
    public static string Comment(ref SampleRandom random, int maxLength)
    {
        var sb = new StringBuilder();
        while (sb.Length < maxLength)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(random.Pick(Adverbs)).Append(' ').Append(random.Pick(Adjectives)).Append(' ').Append(random.Pick(Nouns))
                .Append(' ').Append(random.Pick(Verbs)).Append(' ').Append(random.Pick(Prepositions)).Append(" the ")
                .Append(random.Pick(Nouns)).Append(random.Pick(Terminators));
        }
        var length = random.Next(Math.Max(10, maxLength / 2), maxLength);
        return sb.ToString(0, length).Trim();
    }

    /// <summary>Random letters, digits and punctuation like dbgen's V-strings (addresses).</summary>
    public static string Address(ref SampleRandom random)
    {
        const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ,";
        var chars = new char[random.Next(10, 40)];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[random.Next(0, Alphabet.Length - 1)];
        return new string(chars).Trim();
    }
}
