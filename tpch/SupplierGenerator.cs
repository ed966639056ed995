namespace QueryEngine.Tpch;

/// <summary>supplier (dbgen's mk_supp), including the "Customer ... Complaints/Recommends" comments.</summary>
internal sealed class SupplierGenerator(TpchTextPool pool) : ChunkGenerator
{
    private const int AddressAverage = 25;
    private const int CommentAverage = 63;
    private const int BetterBusinessBureauLength = 19;
    private const int BaseLength = 9;

    public override void Generate(long first, long count, RowBuffer[] outputs)
    {
        var output = outputs[0];
        var streams = new RowStreams(StreamCatalog.SupplierStreams, first);
        var (addressMin, addressMax) = TpchTextPool.Bounds(AddressAverage);
        var (commentMin, commentMax) = TpchTextPool.Bounds(CommentAverage);
        Span<byte> comment = stackalloc byte[commentMax];
        for (var key = first; key < first + count; key++)
        {
            output.Reserve(512);
            output.Field(key);
            output.Field("Supplier#"u8, key, 9);
            Columns.RandomAlphaNumeric(streams, addressMin, addressMax, StreamCatalog.SuppAddress, output);
            var nation = streams.Random(0, 24, StreamCatalog.SuppNation);
            output.Field(nation);
            Columns.Phone(streams, nation, StreamCatalog.SuppPhone, output);
            output.Money(streams.Random(-99999, 999999, StreamCatalog.SuppBalance));

            var text = pool.Text(streams, commentMin, commentMax, StreamCatalog.SuppComment);
            text.CopyTo(comment);
            var length = text.Length;
            var badPress = streams.Random(1, 10000, StreamCatalog.SuppBbbComment);
            var type = streams.Random(0, 100, StreamCatalog.SuppBbbType);
            var noise = streams.Random(0, length - BetterBusinessBureauLength, StreamCatalog.SuppBbbJunk);
            var offset = streams.Random(0, length - (BetterBusinessBureauLength + noise), StreamCatalog.SuppBbbOffset);
            if (badPress <= 10)
            {
                "Customer "u8.CopyTo(comment[(int)offset..]);
                (type < 50 ? "Complaints"u8 : "Recommends"u8).CopyTo(comment[(int)(BaseLength + offset + noise)..]);
            }

            output.Field(comment[..length]);
            output.EndRow();
            streams.EndRow();
        }
    }
}
