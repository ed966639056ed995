namespace QueryEngine.Tpch;

/// <summary>Column generators shared by several tables (dbgen's a_rnd, gen_phone, rpb_routine, PART_SUPP_BRIDGE).</summary>
internal static class Columns
{
    private static ReadOnlySpan<byte> AlphaNumeric => "0123456789abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ,"u8;

    /// <summary>
    /// a_rnd: a length in [min, max], then characters from the 64-symbol alphabet, six bits at a time from
    /// one draw per five characters; writes the field.
    /// </summary>
    public static void RandomAlphaNumeric(RowStreams streams, int min, int max, int stream, RowBuffer output)
    {
        Span<byte> text = stackalloc byte[max];
        var length = (int)streams.Random(min, max, stream);
        long bits = 0;
        for (var i = 0; i < length; i++)
        {
            if (i % 5 == 0)
            {
                bits = streams.Random(0, 0x7FFFFFFF, stream);
            }

            text[i] = AlphaNumeric[(int)(bits & 63)];
            bits >>= 6;
        }

        output.Field(text[..length]);
    }

    /// <summary>gen_phone: three draws; the country code is 10 + nation.</summary>
    public static void Phone(RowStreams streams, long nation, int stream, RowBuffer output)
    {
        var area = (int)streams.Random(100, 999, stream);
        var exchange = (int)streams.Random(100, 999, stream);
        var number = (int)streams.Random(1000, 9999, stream);
        output.Phone((int)(10 + (nation % 90)), area, exchange, number);
    }

    /// <summary>rpb_routine: the retail price in cents of a part key.</summary>
    public static long RetailPrice(long partKey) => 90000 + ((partKey / 10) % 20001) + ((partKey % 1000) * 100);

    /// <summary>PART_SUPP_BRIDGE: the supplier key of a part's <paramref name="supplierNumber"/>-th supplier.</summary>
    public static long PartSupplier(long partKey, long supplierNumber, long suppliers) =>
        ((partKey + (supplierNumber * ((suppliers / 4) + ((partKey - 1) / suppliers)))) % suppliers) + 1;
}
