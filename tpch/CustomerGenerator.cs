namespace QueryEngine.Tpch;

/// <summary>customer (dbgen's mk_cust).</summary>
internal sealed class CustomerGenerator(DistributionSet dists, TpchTextPool pool) : ChunkGenerator
{
    private const int AddressAverage = 25;
    private const int CommentAverage = 73;

    public override void Generate(long first, long count, RowBuffer[] outputs)
    {
        var output = outputs[0];
        var streams = new RowStreams(StreamCatalog.CustomerStreams, first);
        var (addressMin, addressMax) = TpchTextPool.Bounds(AddressAverage);
        var (commentMin, commentMax) = TpchTextPool.Bounds(CommentAverage);
        for (var key = first; key < first + count; key++)
        {
            output.Reserve(512);
            output.Field(key);
            output.Field("Customer#"u8, key, 9);
            Columns.RandomAlphaNumeric(streams, addressMin, addressMax, StreamCatalog.CustAddress, output);
            var nation = streams.Random(0, 24, StreamCatalog.CustNation);
            output.Field(nation);
            Columns.Phone(streams, nation, StreamCatalog.CustPhone, output);
            output.Money(streams.Random(-99999, 999999, StreamCatalog.CustBalance));
            output.Field(dists.Segments.Utf8[dists.Segments.Pick(streams, StreamCatalog.CustSegment)]);
            output.Field(pool.Text(streams, commentMin, commentMax, StreamCatalog.CustComment));
            output.EndRow();
            streams.EndRow();
        }
    }
}
