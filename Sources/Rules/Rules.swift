// The Rules library of LogiCls; see docs/ and the README for its role.
