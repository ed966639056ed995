using System.Globalization;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats;
using QueryEngine.Engine.Planning.Binder;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Session.Statements;

/// <summary>
/// Athena's ALTER TABLE statements and MSCK REPAIR TABLE: each reads the table, changes it and writes it back through
/// the catalog, whose version check makes a concurrent change fail instead of being overwritten.
/// </summary>
internal sealed class AlterRunner(QuerySession session)
{
    public StatementResult Run(Statement statement)
    {
        switch (statement)
        {
            case AlterTableAddPartition a:
                AddPartitions(a);
                return StatementResult.Ok("ALTER TABLE ADD PARTITION");
            case AlterTableDropPartition d:
                DropPartitions(d);
                return StatementResult.Ok("ALTER TABLE DROP PARTITION");
            case AlterTableSetLocation l:
                SetLocation(l);
                return StatementResult.Ok("ALTER TABLE SET LOCATION");
            case AlterTableRenamePartition r:
                RenamePartition(r);
                return StatementResult.Ok("ALTER TABLE RENAME PARTITION");
            case AlterTableSetProperties p:
                Alter(p.Table, t => SetProperties(t, p));
                return StatementResult.Ok("ALTER TABLE SET TBLPROPERTIES");
            case AlterTableUnsetProperties u:
                Alter(u.Table, t => UnsetProperties(t, u));
                return StatementResult.Ok("ALTER TABLE UNSET TBLPROPERTIES");
            case AlterTableAddColumns c:
                Alter(c.Table, t => t with { Columns = [.. t.Columns, .. c.Columns.Select(DdlRunner.Column)] });
                return StatementResult.Ok("ALTER TABLE ADD COLUMNS");
            case AlterTableReplaceColumns c:
                Alter(c.Table, t => t with { Columns = c.Columns.Select(DdlRunner.Column).ToArray() });
                return StatementResult.Ok("ALTER TABLE REPLACE COLUMNS");
            case RenameTable r:
                Rename(r);
                return StatementResult.Ok("ALTER TABLE RENAME");
            case MsckRepairTable m:
                return new MsckRepair(session).Run(Table(m.Table, allowView: false), m.Table.Span);
            default:
                throw new InternalException($"not an ALTER statement: {statement.GetType().Name}");
        }
    }

    private TableInfo Table(QualifiedName name, bool allowView)
    {
        var (database, table) = new QueryBinder(session.Catalog, session.Sources, session.CurrentDatabase).ResolveTableName(name);
        var info = session.Catalog.GetTable(database, table)
            ?? throw new NotFoundException(ErrorCode.TableNotFound, $"Table '{database}.{table}' does not exist", name.Span);
        if (!allowView && info.Kind == TableKind.View) throw new SemanticException($"'{database}.{table}' is a view, not a table", name.Span);
        return info;
    }

    private void Alter(QualifiedName name, Func<TableInfo, TableInfo> change)
    {
        var table = Table(name, allowView: false);
        session.Catalog.AlterTable(table.Database, table.Name, change(table));
    }

    private static TableInfo SetProperties(TableInfo table, AlterTableSetProperties statement)
    {
        var parameters = new Dictionary<string, string>(table.Parameters, StringComparer.Ordinal);
        var comment = table.Comment;
        foreach (var p in statement.Properties)
        {
            if (p.Key == CatalogRules.CommentParameter) comment = p.Value;
            else parameters[p.Key] = p.Value;
        }
        return table with { Parameters = parameters, Comment = comment };
    }

    /// <summary>Removes properties; a missing one is an error unless IF EXISTS (as in Hive).</summary>
    private static TableInfo UnsetProperties(TableInfo table, AlterTableUnsetProperties statement)
    {
        var parameters = new Dictionary<string, string>(table.Parameters, StringComparer.Ordinal);
        var comment = table.Comment;
        foreach (var key in statement.Keys)
        {
            var removed = key == CatalogRules.CommentParameter ? comment is not null : parameters.ContainsKey(key);
            if (!removed && !statement.IfExists)
            {
                throw new SemanticException($"Table '{table.Database}.{table.Name}' has no property '{key}'", statement.Span);
            }
            if (key == CatalogRules.CommentParameter) comment = null;
            else parameters.Remove(key);
        }
        return table with { Parameters = parameters, Comment = comment };
    }

    private void SetLocation(AlterTableSetLocation statement)
    {
        var table = Table(statement.Table, allowView: false);
        if (statement.Partition is null)
        {
            session.Catalog.AlterTable(table.Database, table.Name, table with { Storage = table.Storage with { Location = statement.Location } });
            return;
        }
        var values = FullSpec(table, statement.Partition);
        var partition = session.Catalog.GetPartition(table.Database, table.Name, values)
            ?? throw new NotFoundException(ErrorCode.TableNotFound, $"Partition '{PartitionNames.Of(table.PartitionKeys, values)}' of table '{table.Database}.{table.Name}' does not exist", statement.Partition.Span);
        session.Catalog.AlterPartition(partition with { Storage = (partition.Storage ?? table.Storage) with { Location = statement.Location } });
    }

    /// <summary>Gives a partition new key values; its location, parameters and statistics stay (no files move, as for external tables in Hive).</summary>
    private void RenamePartition(AlterTableRenamePartition statement)
    {
        var table = Table(statement.Table, allowView: false);
        var values = FullSpec(table, statement.Partition);
        var target = FullSpec(table, statement.Target);
        CheckTypes(table, target, statement.Target);
        try
        {
            session.Catalog.RenamePartition(table.Database, table.Name, values, target);
        }
        catch (NotFoundException ex) when (ex.Span is null)
        {
            throw new NotFoundException(ex.Code, ex.Message, statement.Partition.Span);
        }
        catch (SemanticException ex) when (ex.Span is null && ex.Code == ErrorCode.AlreadyExists)
        {
            throw new SemanticException(ex.Message, statement.Target.Span, code: ErrorCode.AlreadyExists);
        }
    }

    private void AddPartitions(AlterTableAddPartition statement)
    {
        var table = Table(statement.Table, allowView: false);
        RequirePartitioned(table, statement.Table);
        var partitions = new List<PartitionInfo>();
        foreach (var spec in statement.Partitions)
        {
            var values = FullSpec(table, spec);
            CheckTypes(table, values, spec);
            var storage = spec.Location is { } location ? table.Storage with { Location = location } : null;
            partitions.Add(new PartitionInfo(table.Database, table.Name, values, storage) { CreateTime = DateTimeOffset.UtcNow });
        }
        session.Catalog.AddPartitions(table.Database, table.Name, partitions, statement.IfNotExists);
    }

    /// <summary>Drops the partitions matching each spec; a spec may name only some keys (all partitions with those values).</summary>
    private void DropPartitions(AlterTableDropPartition statement)
    {
        var table = Table(statement.Table, allowView: false);
        RequirePartitioned(table, statement.Table);
        var drop = new List<IReadOnlyList<string>>();
        foreach (var spec in statement.Partitions)
        {
            var given = SpecValues(table, spec);
            var filter = new PartitionFilter(given.Select(g => new PartitionKeyFilter(table.PartitionKeys[g.Key].Name, [g.Value])).ToArray());
            var matching = session.Catalog.ListPartitions(table.Database, table.Name, filter);
            if (matching.Count == 0 && !statement.IfExists)
            {
                var text = string.Join(", ", given.Select(g => $"{table.PartitionKeys[g.Key].Name}={g.Value}"));
                throw new NotFoundException(ErrorCode.TableNotFound, $"No partition of table '{table.Database}.{table.Name}' matches ({text})", spec.Span);
            }
            drop.AddRange(matching.Select(p => p.Values));
        }
        session.Catalog.DropPartitions(table.Database, table.Name, drop, ifExists: true);
    }

    private void Rename(RenameTable statement)
    {
        var table = Table(statement.Source, allowView: true);
        var target = statement.Target.Parts.Count == 1
            ? (table.Database, statement.Target.Last.CanonicalValue)
            : new QueryBinder(session.Catalog, session.Sources, session.CurrentDatabase).ResolveTableName(statement.Target);
        session.Catalog.AlterTable(table.Database, table.Name, table with { Database = target.Item1, Name = target.Item2 });
    }

    private static void RequirePartitioned(TableInfo table, QualifiedName name)
    {
        if (table.PartitionKeys.Count == 0) throw new SemanticException($"Table '{table.Database}.{table.Name}' is not partitioned", name.Span);
    }

    /// <summary>The values of a spec that names every partition key once, in key order.</summary>
    private static string[] FullSpec(TableInfo table, PartitionSpec spec)
    {
        if (table.PartitionKeys.Count == 0) throw new SemanticException($"Table '{table.Database}.{table.Name}' is not partitioned", spec.Span);
        var given = SpecValues(table, spec);
        if (given.Count != table.PartitionKeys.Count)
        {
            var missing = table.PartitionKeys.Where((_, i) => !given.ContainsKey(i)).Select(k => k.Name);
            throw new SemanticException($"Partition spec of table '{table.Database}.{table.Name}' is missing key(s): {string.Join(", ", missing)}", spec.Span);
        }
        return given.OrderBy(g => g.Key).Select(g => g.Value).ToArray();
    }

    /// <summary>Rejects values that are not valid for their key's type (Hive's type check on partition specs).</summary>
    private static void CheckTypes(TableInfo table, string[] values, PartitionSpec spec)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var key = table.PartitionKeys[i];
            if (!HiveTypes.TryParse(key.HiveType, out var type, out _) || type is null) continue;
            if (!PartitionValues.TryConvert(values[i], type, out _))
            {
                throw new SemanticException($"Partition value '{values[i]}' is not a valid {type.SqlName} for partition key '{key.Name}'", spec.Span);
            }
        }
    }

    /// <summary>Key index → value text of the keys a spec names.</summary>
    private static SortedDictionary<int, string> SpecValues(TableInfo table, PartitionSpec spec)
    {
        var result = new SortedDictionary<int, string>();
        foreach (var v in spec.Values)
        {
            var name = v.Column.CanonicalValue;
            var index = -1;
            for (var i = 0; i < table.PartitionKeys.Count; i++)
            {
                if (table.PartitionKeys[i].Name == name) index = i;
            }
            if (index < 0) throw new SemanticException($"'{name}' is not a partition key of table '{table.Database}.{table.Name}'", v.Column.Span);
            if (!result.TryAdd(index, ValueText(v.Value))) throw new SemanticException($"Partition key '{name}' given more than once", v.Span);
        }
        return result;
    }

    /// <summary>The partition value string of a literal, as Hive writes it.</summary>
    private static string ValueText(Expression value) => value switch
    {
        StringLiteral s => s.Value,
        LongLiteral l => l.Value.ToString(CultureInfo.InvariantCulture),
        DecimalLiteral d => d.Value,
        DoubleLiteral d => d.Value.ToString("R", CultureInfo.InvariantCulture),
        BooleanLiteral b => b.Value ? "true" : "false",
        GenericLiteral g => g.Value,
        NullLiteral => PartitionNames.DefaultPartitionName,
        _ => throw new SemanticException("A partition value must be a literal", value.Span),
    };
}
