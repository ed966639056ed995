-- (b) revenue of the rows shipped from 1995 on: three columns decoded (decimal, decimal, date), a filter and a sum.
select sum(l_extendedprice * (1 - l_discount)) as revenue from lineitem where l_shipdate >= date '1995-01-01'
