using System.Globalization;
using System.Text;

namespace QueryEngine.Tpch;

/// <summary>
/// dbgen's date range: day 0 is 1992-01-01 (STARTDATE), 2557 days (TOTDATE); "current date" for
/// return flags and line status is 1995-06-17 (CURRENTDATE).
/// </summary>
internal static class DbgenDates
{
    public const int TotalDays = 2557;

    /// <summary>Latest order date offset: TOTDATE − (121 + 30) − 1.</summary>
    public const int LastOrderDay = TotalDays - (121 + 30) - 1;

    private static readonly DateOnly Start = new(1992, 1, 1);

    /// <summary>Offset of 1995-06-17; a ship/receipt date on or before it is in the past.</summary>
    public static readonly int CurrentDay = new DateOnly(1995, 6, 17).DayNumber - Start.DayNumber;

    /// <summary>"yyyy-MM-dd" of every day offset, concatenated (10 bytes each).</summary>
    private static readonly byte[] Text = BuildText();

    public static ReadOnlySpan<byte> Format(long day) => Text.AsSpan((int)day * 10, 10);

    private static byte[] BuildText()
    {
        var text = new StringBuilder(TotalDays * 10);
        for (var i = 0; i < TotalDays; i++)
        {
            text.Append(Start.AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
