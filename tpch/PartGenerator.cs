namespace QueryEngine.Tpch;

/// <summary>part and its four partsupp rows (dbgen's mk_part); outputs[0] is part, outputs[1] partsupp.</summary>
internal sealed class PartGenerator(DistributionSet dists, TpchTextPool pool, TpchScale scale) : ChunkGenerator
{
    private const int NameWords = 5;
    private const int CommentAverage = 14;
    private const int PartSuppCommentAverage = 124;
    private const int SuppliersPerPart = 4;

    public override void Generate(long first, long count, RowBuffer[] outputs)
    {
        var part = outputs[0];
        var partSupp = outputs[1];
        var streams = new RowStreams(StreamCatalog.PartStreams, first);
        var (commentMin, commentMax) = TpchTextPool.Bounds(CommentAverage);
        var (psCommentMin, psCommentMax) = TpchTextPool.Bounds(PartSuppCommentAverage);
        var colors = dists.Colors;
        Span<int> permutation = stackalloc int[colors.Count];
        Span<byte> name = stackalloc byte[NameWords * 16];
        for (var key = first; key < first + count; key++)
        {
            part.Reserve(512);
            part.Field(key);

            // agg_str: a fresh permutation of the colors (one draw per color), first five joined by spaces
            for (var i = 0; i < permutation.Length; i++)
            {
                permutation[i] = i;
            }

            for (var i = 0; i < permutation.Length; i++)
            {
                var source = (int)streams.Random(i, permutation.Length - 1, StreamCatalog.PartName);
                (permutation[source], permutation[i]) = (permutation[i], permutation[source]);
            }

            var nameLength = 0;
            for (var i = 0; i < NameWords; i++)
            {
                if (i > 0)
                {
                    name[nameLength++] = (byte)' ';
                }

                var word = colors.Utf8[permutation[i]];
                word.CopyTo(name[nameLength..]);
                nameLength += word.Length;
            }

            part.Field(name[..nameLength]);
            var manufacturer = streams.Random(1, 5, StreamCatalog.PartMfgr);
            part.Field("Manufacturer#"u8, manufacturer, 1);
            var brand = streams.Random(1, 5, StreamCatalog.PartBrand);
            part.Field("Brand#"u8, (manufacturer * 10) + brand, 2);
            part.Field(dists.PartTypes.Utf8[dists.PartTypes.Pick(streams, StreamCatalog.PartType)]);
            part.Field(streams.Random(1, 50, StreamCatalog.PartSize));
            part.Field(dists.Containers.Utf8[dists.Containers.Pick(streams, StreamCatalog.PartContainer)]);
            part.Money(Columns.RetailPrice(key));
            part.Field(pool.Text(streams, commentMin, commentMax, StreamCatalog.PartComment));
            part.EndRow();

            for (var s = 0; s < SuppliersPerPart; s++)
            {
                partSupp.Reserve(512);
                partSupp.Field(key);
                partSupp.Field(Columns.PartSupplier(key, s, scale.Suppliers));
                partSupp.Field(streams.Random(1, 9999, StreamCatalog.PartSuppQuantity));
                partSupp.Money(streams.Random(100, 100000, StreamCatalog.PartSuppCost));
                partSupp.Field(pool.Text(streams, psCommentMin, psCommentMax, StreamCatalog.PartSuppComment));
                partSupp.EndRow();
            }

            streams.EndRow();
        }
    }
}
