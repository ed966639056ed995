using System.IO.Compression;
using System.Text;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.TestSupport;
using Xunit;

namespace QueryEngine.Engine.Tests.Formats;

/// <summary>JSON-lines tables (openx and Hive JSON SerDes) read through SQL, as Athena reads them.</summary>
public sealed class JsonReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ReadsScalarsNestedValuesAndMissingKeys()
    {
        Write("events/a.json", """
            {"id": 1, "name": "first", "ok": true, "price": 12.5, "amount": "24710.35", "day": "2024-02-29", "at": "2024-02-29 23:59:58.123", "tags": ["a", "b"], "attrs": {"k": 1}, "who": {"Name": "ann", "age": 31}}
            {"ID": 2, "NAME": "second", "ok": "false", "price": 1e3, "amount": 0.04, "day": 19000, "at": 0, "tags": [], "attrs": {}, "who": {"name": "bob"}}

            {"id": 3, "extra": {"ignored": [1, 2, {"x": null}]}, "name": null, "tags": null}
            """);
        var result = Query("""
            CREATE EXTERNAL TABLE events (
              id bigint, name string, ok boolean, price double, amount decimal(15,2), day date, at timestamp,
              tags array<string>, attrs map<string,int>, who struct<name:string,age:int>)
            ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' LOCATION '__DIR__/events/';
            SELECT id, name, ok, price, amount, day, at, tags, attrs, who FROM events ORDER BY id
            """);
        Assert.Equal(
            """
            1|first|true|12.5|24710.35|2024-02-29|2024-02-29 23:59:58.123000|[a, b]|{k=1}|{name=ann, age=31}
            2|second|false|1000|0.04|2022-01-08|1970-01-01 00:00:00.000000|[]|{}|{name=bob, age=NULL}
            3|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL
            """.ReplaceLineEndings("\n"),
            result);
    }

    [Fact]
    public void StringColumnsTakeAnyValueAsItsJsonText()
    {
        Write("raw/r.json", """
            {"v": 42}
            {"v": true}
            {"v": {"a": [1, 2]}}
            {"v": "quote \" and \u00e9"}
            """);
        Assert.Equal("42\ntrue\n{\"a\": [1, 2]}\nquote \" and é", Query("""
            CREATE EXTERNAL TABLE raw (v string) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' LOCATION '__DIR__/raw/';
            SELECT v FROM raw
            """));
    }

    [Fact]
    public void MappingsPartitionsAndGzip()
    {
        Write("logs/dt=2024-01-01/part.json", """{"ts": "t1", "user id": 7}""" + "\n");
        var gz = _dir.File(Path.Combine("logs", "dt=2024-01-02", "part.json.gz"));
        Directory.CreateDirectory(Path.GetDirectoryName(gz)!);
        using (var file = File.Create(gz))
        using (var zip = new GZipStream(file, CompressionLevel.Fastest))
        {
            zip.Write(Encoding.UTF8.GetBytes("{\"ts\": \"t2\", \"user id\": 8}\n{\"ts\": \"t3\", \"user id\": 9}\n"));
        }
        Assert.Equal("2024-01-02|t2|8\n2024-01-02|t3|9", Query("""
            CREATE EXTERNAL TABLE logs (ts string, user_id int) PARTITIONED BY (dt date)
            ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' WITH SERDEPROPERTIES ('mapping.user_id' = 'user id') LOCATION '__DIR__/logs/';
            MSCK REPAIR TABLE logs;
            SELECT dt, ts, user_id FROM logs WHERE dt > DATE '2024-01-01' ORDER BY ts
            """));
    }

    [Fact]
    public void AMalformedRecordNamesTheFileAndOffsetUnlessIgnored()
    {
        Write("bad/b.json", "{\"id\": 1}\n{\"id\": 2,,}\n{\"id\": 3}\n");
        var error = Assert.Throws<CorruptDataException>(() => Query("""
            CREATE EXTERNAL TABLE bad (id int) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' LOCATION '__DIR__/bad/';
            SELECT sum(id) FROM bad
            """));
        Assert.Contains(Path.Combine(_dir.Path, "bad", "b.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains("malformed JSON record", error.Message, StringComparison.Ordinal);
        Assert.Equal(10, error.Offset);

        Assert.Equal("3|4", Query("""
            CREATE EXTERNAL TABLE lenient (id int) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
            WITH SERDEPROPERTIES ('ignore.malformed.json' = 'true') LOCATION '__DIR__/bad/';
            SELECT count(*), sum(id) FROM lenient
            """));
    }

    [Fact]
    public void AValueOfTheWrongTypeIsAnErrorNamingIt()
    {
        Write("typed/t.json", "{\"n\": 1}\n{\"n\": \"many\"}\n");
        var error = Assert.Throws<CorruptDataException>(() => Query("""
            CREATE EXTERNAL TABLE typed (n int) ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe' LOCATION '__DIR__/typed/';
            SELECT * FROM typed
            """));
        Assert.Contains("\"many\" is not a valid integer", error.Message, StringComparison.Ordinal);
        Assert.Equal(9, error.Offset);
    }

    [Fact]
    public void LargeFilesSplitIntoRangesThatReadEveryRecordOnce()
    {
        var sb = new StringBuilder();
        long expected = 0;
        for (var i = 0; i < 20_000; i++)
        {
            sb.Append("{\"k\": ").Append(i).Append(", \"pad\": \"").Append('x', i % 37).Append("\"}\n");
            expected += i;
        }
        Write("big/big.json", sb.ToString());
        var options = new FileTableSourceOptions { SplitSize = 4096 };
        Assert.Equal($"20000|{expected}", Query("""
            CREATE EXTERNAL TABLE big (k bigint, pad string) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' LOCATION '__DIR__/big/';
            SELECT count(*), sum(k) FROM big
            """, options));
    }

    private void Write(string relative, string text) => _dir.Write(relative, text);

    private string Query(string script, FileTableSourceOptions? options = null)
    {
        var session = new QuerySession(new InMemoryCatalog(), new FileTableSourceFactory(new LocalObjectStore(), options), new SessionOptions());
        var results = session.ExecuteScript(script.Replace("__DIR__", _dir.Path, StringComparison.Ordinal));
        return string.Join('\n', RowText.Lines(results[^1].Batches));
    }
}
