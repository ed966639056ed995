using System.Text;

namespace QueryEngine.Metastore.Crawlers.Classification;

/// <summary>
/// Splits sampled text into records and fields: RFC 4180 quoting (a quoted field may hold the delimiter, doubled
/// quotes and line breaks) when <c>quoted</c>, plain splitting otherwise. A last record cut off by the end of the sample
/// is dropped when the sample is not the whole file.
/// </summary>
internal static class CsvRecords
{
    public static List<string[]> Split(string text, char delimiter, bool quoted, bool complete, int maxRecords, char quote = '"')
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        var inQuotes = false;
        var recordStart = 0;
        while (i < text.Length && records.Count < maxRecords)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == quote)
                {
                    if (i + 1 < text.Length && text[i + 1] == quote)
                    {
                        field.Append(quote);
                        i += 2;
                        continue;
                    }
                    inQuotes = false;
                }
                else
                {
                    field.Append(c);
                }
                i++;
                continue;
            }
            if (c == quote && quoted && field.Length == 0)
            {
                inQuotes = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                recordStart = i + 1;
            }
            else
            {
                field.Append(c);
            }
            i++;
        }
        if (records.Count < maxRecords && complete && recordStart < text.Length && !inQuotes)
        {
            fields.Add(field.ToString().TrimEnd('\r'));
            records.Add([.. fields]);
        }
        return records;
    }
}
