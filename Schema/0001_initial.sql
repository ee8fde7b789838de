-- placeholder
CREATE TABLE placeholder(x);
