Console.WriteLine(QueryEngine.Metastore.SqliteSmoke.Run());
return 0;
