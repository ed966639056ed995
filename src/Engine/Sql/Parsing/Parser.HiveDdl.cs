using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Sql.Parsing;

/// <summary>Athena/Hive DDL: CREATE EXTERNAL TABLE clauses and ALTER TABLE.</summary>
internal sealed partial class Parser
{
    private bool AtHiveTableClause() =>
        (AtWord("PARTITIONED") && AtWord("BY", 1)) || (AtWord("CLUSTERED") && AtWord("BY", 1)) ||
        (AtWord("ROW") && AtWord("FORMAT", 1)) || (AtWord("STORED") && AtWord("AS", 1)) ||
        AtWord("LOCATION") || AtWord("TBLPROPERTIES");

    private Statement ParseHiveTableClauses(Token start, bool external, bool ifNotExists, QualifiedName name,
        NodeList<ColumnDefinition> columns, string? comment)
    {
        var partitionedBy = NodeList<ColumnDefinition>.Empty;
        BucketSpec? clusteredBy = null;
        RowFormat? rowFormat = null;
        StorageFormat? storedAs = null;
        string? location = null;
        var tableProperties = NodeList<StringProperty>.Empty;
        var seen = new HashSet<string>(StringComparer.Ordinal);

        while (true)
        {
            var clauseToken = Current;
            string clause;
            if (AtWord("COMMENT") && comment is null)
            {
                clause = "COMMENT";
                _pos++;
                comment = ParseHiveString("a comment string");
            }
            else if (TryWords("PARTITIONED", "BY"))
            {
                clause = "PARTITIONED BY";
                partitionedBy = ParseColumnDefinitions();
            }
            else if (AtWord("CLUSTERED") && AtWord("BY", 1))
            {
                clause = "CLUSTERED BY";
                clusteredBy = ParseBucketSpec();
            }
            else if (TryWords("ROW", "FORMAT"))
            {
                clause = "ROW FORMAT";
                rowFormat = ParseRowFormat(clauseToken);
            }
            else if (TryWords("STORED", "AS"))
            {
                clause = "STORED AS";
                storedAs = ParseStorageFormat(clauseToken);
            }
            else if (TryWord("LOCATION"))
            {
                clause = "LOCATION";
                location = ParseHiveString("a location string");
            }
            else if (TryWord("TBLPROPERTIES"))
            {
                clause = "TBLPROPERTIES";
                tableProperties = ParseStringProperties();
            }
            else
            {
                break;
            }

            if (!seen.Add(clause))
            {
                throw new QueryEngine.Engine.Common.SyntaxException($"Duplicate {clause} clause", clauseToken.Span);
            }
        }

        return new CreateExternalTable(external, ifNotExists, name, columns, comment, partitionedBy, clusteredBy,
            rowFormat, storedAs, location, tableProperties) { Span = SpanFrom(start) };
    }

    private BucketSpec ParseBucketSpec()
    {
        var start = Advance();
        _pos++;
        var columns = ParseParenthesizedIdentifiers();
        var sortedBy = new List<BucketSortColumn>();
        if (TryWords("SORTED", "BY"))
        {
            Expect(TokenKind.LeftParen);
            do
            {
                var columnStart = Current;
                var column = ParseIdentifier("a column name", allowReserved: true);
                var ordering = SortOrdering.Ascending;
                if (TryWord("DESC")) ordering = SortOrdering.Descending;
                else TryWord("ASC");
                sortedBy.Add(new BucketSortColumn(column, ordering) { Span = SpanFrom(columnStart) });
            }
            while (TryConsume(TokenKind.Comma));

            Expect(TokenKind.RightParen);
        }

        ExpectWord("INTO");
        var buckets = ParseIntegerValue("a bucket count");
        ExpectWord("BUCKETS");
        return new BucketSpec(columns, ListOf(sortedBy), buckets) { Span = SpanFrom(start) };
    }

    private RowFormat ParseRowFormat(Token start)
    {
        if (TryWord("SERDE"))
        {
            var serde = ParseHiveString("a SerDe class name string");
            var properties = TryWords("WITH", "SERDEPROPERTIES") ? ParseStringProperties() : NodeList<StringProperty>.Empty;
            return new RowFormatSerde(serde, properties) { Span = SpanFrom(start) };
        }

        ExpectWord("DELIMITED");
        string? fields = null, escaped = null, items = null, keys = null, lines = null, nulls = null;
        while (true)
        {
            if (fields is null && TryWords("FIELDS", "TERMINATED", "BY"))
            {
                fields = ParseHiveString("a delimiter string");
                if (TryWords("ESCAPED", "BY")) escaped = ParseHiveString("an escape string");
            }
            else if (items is null && TryWords("COLLECTION", "ITEMS"))
            {
                ExpectWords("TERMINATED", "BY");
                items = ParseHiveString("a delimiter string");
            }
            else if (keys is null && TryWords("MAP", "KEYS"))
            {
                ExpectWords("TERMINATED", "BY");
                keys = ParseHiveString("a delimiter string");
            }
            else if (lines is null && TryWords("LINES", "TERMINATED", "BY"))
            {
                lines = ParseHiveString("a delimiter string");
            }
            else if (nulls is null && TryWords("NULL", "DEFINED", "AS"))
            {
                nulls = ParseHiveString("a null marker string");
            }
            else
            {
                break;
            }
        }

        return new RowFormatDelimited(fields, escaped, items, keys, lines, nulls) { Span = SpanFrom(start) };
    }

    private StorageFormat ParseStorageFormat(Token start)
    {
        if (TryWord("INPUTFORMAT"))
        {
            var input = ParseHiveString("an input format class string");
            ExpectWord("OUTPUTFORMAT");
            var output = ParseHiveString("an output format class string");
            return new StorageFormat(null, input, output) { Span = SpanFrom(start) };
        }

        var name = ParseIdentifier("a storage format name (PARQUET, TEXTFILE, ORC, ...)");
        return new StorageFormat(name.Value.ToUpperInvariant(), null, null) { Span = SpanFrom(start) };
    }

    private PartitionSpec ParsePartitionSpec(bool allowLocation)
    {
        var start = ExpectWord("PARTITION");
        Expect(TokenKind.LeftParen);
        var values = new List<PartitionValue>();
        do
        {
            var valueStart = Current;
            var column = ParseIdentifier("a partition column name", allowReserved: true);
            Expect(TokenKind.Equal);
            var value = ParseExpression();
            values.Add(new PartitionValue(column, value) { Span = SpanFrom(valueStart) });
        }
        while (TryConsume(TokenKind.Comma));

        Expect(TokenKind.RightParen);
        string? location = null;
        if (allowLocation && TryWord("LOCATION")) location = ParseHiveString("a location string");
        return new PartitionSpec(new NodeList<PartitionValue>(values), location) { Span = SpanFrom(start) };
    }

    private Statement ParseAlter()
    {
        var start = Advance();
        ExpectWord("TABLE");
        var table = ParseQualifiedName("a table name");

        if (TryWord("ADD"))
        {
            if (TryWord("COLUMNS"))
            {
                var columns = ParseColumnDefinitions();
                return new AlterTableAddColumns(table, columns) { Span = SpanFrom(start) };
            }

            if (TryWord("COLUMN"))
            {
                var column = ParseColumnDefinition();
                return new AlterTableAddColumns(table, NodeList.Of(column)) { Span = SpanFrom(start) };
            }

            var ifNotExists = TryWords("IF", "NOT", "EXISTS");
            var partitions = new List<PartitionSpec> { ParsePartitionSpec(allowLocation: true) };
            while (AtWord("PARTITION")) partitions.Add(ParsePartitionSpec(allowLocation: true));
            return new AlterTableAddPartition(table, ifNotExists, new NodeList<PartitionSpec>(partitions)) { Span = SpanFrom(start) };
        }

        if (TryWord("DROP"))
        {
            var ifExists = TryWords("IF", "EXISTS");
            var partitions = new List<PartitionSpec> { ParsePartitionSpec(allowLocation: false) };
            while (TryConsume(TokenKind.Comma)) partitions.Add(ParsePartitionSpec(allowLocation: false));
            return new AlterTableDropPartition(table, ifExists, new NodeList<PartitionSpec>(partitions)) { Span = SpanFrom(start) };
        }

        if (TryWords("REPLACE", "COLUMNS"))
        {
            var columns = ParseColumnDefinitions();
            return new AlterTableReplaceColumns(table, columns) { Span = SpanFrom(start) };
        }

        if (TryWords("RENAME", "TO"))
        {
            var target = ParseQualifiedName("a table name");
            return new RenameTable(table, target) { Span = SpanFrom(start) };
        }

        PartitionSpec? partition = AtWord("PARTITION") ? ParsePartitionSpec(allowLocation: false) : null;
        if (TryWords("SET", "LOCATION"))
        {
            var location = ParseHiveString("a location string");
            return new AlterTableSetLocation(table, partition, location) { Span = SpanFrom(start) };
        }

        if (partition is not null && TryWords("RENAME", "TO"))
        {
            if (!AtWord("PARTITION")) throw Expected("PARTITION (spec) after RENAME TO");
            var target = ParsePartitionSpec(allowLocation: false);
            return new AlterTableRenamePartition(table, partition, target) { Span = SpanFrom(start) };
        }

        if (partition is null && TryWords("SET", "TBLPROPERTIES"))
        {
            var properties = ParseStringProperties();
            return new AlterTableSetProperties(table, properties) { Span = SpanFrom(start) };
        }

        if (partition is null && TryWords("UNSET", "TBLPROPERTIES"))
        {
            var ifExists = TryWords("IF", "EXISTS");
            Expect(TokenKind.LeftParen);
            var keys = new List<string>();
            do
            {
                keys.Add(ParseHiveString("a property key string"));
            }
            while (TryConsume(TokenKind.Comma));

            Expect(TokenKind.RightParen);
            return new AlterTableUnsetProperties(table, ifExists, new NodeList<string>(keys)) { Span = SpanFrom(start) };
        }

        throw Expected(partition is null
            ? "ADD, DROP, REPLACE COLUMNS, RENAME TO, SET LOCATION, SET TBLPROPERTIES, UNSET TBLPROPERTIES or PARTITION"
            : "SET LOCATION or RENAME TO PARTITION");
    }
}
