namespace QueryEngine.Tpch;

/// <summary>orders and their lineitems (dbgen's mk_order); outputs[0] is orders, outputs[1] lineitem.</summary>
internal sealed class OrderGenerator(DistributionSet dists, TpchTextPool pool, TpchScale scale) : ChunkGenerator
{
    private const int CommentAverage = 49;
    private const int LineCommentAverage = 27;
    private const int MaxLines = 7;

    public override void Generate(long first, long count, RowBuffer[] outputs)
    {
        var orders = outputs[0];
        var lines = outputs[1];
        var streams = new RowStreams(StreamCatalog.OrderStreams, first);
        var (commentMin, commentMax) = TpchTextPool.Bounds(CommentAverage);
        var (lineCommentMin, lineCommentMax) = TpchTextPool.Bounds(LineCommentAverage);
        var customers = scale.Customers;
        var parts = scale.Parts;
        var suppliers = scale.Suppliers;
        var currentDay = DbgenDates.CurrentDay;
        for (var index = first; index < first + count; index++)
        {
            // sparse keys: 8 of every 32 key values are used
            var orderKey = ((index >> 3) << 5) | (index & 7);
            var customer = streams.Random(1, customers, StreamCatalog.OrderCustKey);
            var delta = 1;
            while (customer % 3 == 0)
            {
                customer = Math.Min(customer + delta, customers);
                delta = -delta;
            }

            var orderDay = streams.Random(0, DbgenDates.LastOrderDay, StreamCatalog.OrderDate);
            var priority = dists.OrderPriorities.Pick(streams, StreamCatalog.OrderPriority);
            var clerk = streams.Random(1, scale.Clerks, StreamCatalog.OrderClerk);
            var comment = pool.Text(streams, commentMin, commentMax, StreamCatalog.OrderComment);
            var lineCount = (int)streams.Random(1, MaxLines, StreamCatalog.OrderLineCount);

            long totalPrice = 0;
            var shipped = 0;
            lines.Reserve(MaxLines * 256);
            for (var line = 1; line <= lineCount; line++)
            {
                var quantity = streams.Random(1, 50, StreamCatalog.LineQuantity);
                var discount = streams.Random(0, 10, StreamCatalog.LineDiscount);
                var tax = streams.Random(0, 8, StreamCatalog.LineTax);
                var instruct = dists.ShipInstructions.Pick(streams, StreamCatalog.LineInstruct);
                var mode = dists.ShipModes.Pick(streams, StreamCatalog.LineShipMode);
                var lineComment = pool.Text(streams, lineCommentMin, lineCommentMax, StreamCatalog.LineComment);
                var partKey = streams.Random(1, parts, StreamCatalog.LinePartKey);
                var supplierNumber = streams.Random(0, 3, StreamCatalog.LineSuppNumber);
                var supplierKey = Columns.PartSupplier(partKey, supplierNumber, suppliers);
                var extendedPrice = Columns.RetailPrice(partKey) * quantity;
                totalPrice += extendedPrice * (100 - discount) / 100 * (100 + tax) / 100;

                var shipDay = orderDay + streams.Random(1, 121, StreamCatalog.LineShipDate);
                var commitDay = orderDay + streams.Random(30, 90, StreamCatalog.LineCommitDate);
                var receiptDay = shipDay + streams.Random(1, 30, StreamCatalog.LineReceiptDate);
                var returnFlag = receiptDay <= currentDay
                    ? dists.ReturnFlags.Utf8[dists.ReturnFlags.Pick(streams, StreamCatalog.LineReturnFlag)][0]
                    : (byte)'N';
                byte status;
                if (shipDay <= currentDay)
                {
                    shipped++;
                    status = (byte)'F';
                }
                else
                {
                    status = (byte)'O';
                }

                lines.Field(orderKey);
                lines.Field(partKey);
                lines.Field(supplierKey);
                lines.Field(line);
                lines.Field(quantity);
                lines.Money(extendedPrice);
                lines.Money(discount);
                lines.Money(tax);
                lines.Char(returnFlag);
                lines.Char(status);
                lines.Field(DbgenDates.Format(shipDay));
                lines.Field(DbgenDates.Format(commitDay));
                lines.Field(DbgenDates.Format(receiptDay));
                lines.Field(dists.ShipInstructions.Utf8[instruct]);
                lines.Field(dists.ShipModes.Utf8[mode]);
                lines.Field(lineComment);
                lines.EndRow();
            }

            var orderStatus = shipped == lineCount ? (byte)'F' : shipped > 0 ? (byte)'P' : (byte)'O';
            orders.Reserve(512);
            orders.Field(orderKey);
            orders.Field(customer);
            orders.Char(orderStatus);
            orders.Money(totalPrice);
            orders.Field(DbgenDates.Format(orderDay));
            orders.Field(dists.OrderPriorities.Utf8[priority]);
            orders.Field("Clerk#"u8, clerk, 9);
            orders.Field(0L); // o_shippriority
            orders.Field(comment);
            orders.EndRow();
            streams.EndRow();
        }
    }
}
