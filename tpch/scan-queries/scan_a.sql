-- (a) count(*) of lineitem: Parquet footers' row counts suffice.
select count(*) as rows from lineitem
