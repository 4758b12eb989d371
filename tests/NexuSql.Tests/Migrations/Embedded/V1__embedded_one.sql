CREATE TABLE embedded_one (id int);
