namespace QueryEngine.Tpch;

/// <summary>The file format of generated TPC-H data.</summary>
public enum TpchFormat
{
    /// <summary>dbgen's '|'-delimited <c>&lt;table&gt;/&lt;table&gt;.tbl</c>, byte-identical to the reference kit.</summary>
    Tbl,

    /// <summary>One SNAPPY-compressed <c>&lt;table&gt;/&lt;table&gt;.parquet</c> per table.</summary>
    Parquet,

    /// <summary>
    /// <c>&lt;table&gt;/&lt;table&gt;.csv</c>: a header line of column names, then the rows comma-separated, fields with
    /// ',' or '"' quoted (RFC 4180).
    /// </summary>
    Csv,
}
