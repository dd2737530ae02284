package yamltext

import "github.com/goccy/go-yaml/ast"

// Kind names what a YAML node is in the words a problem message uses
// ("a mapping", "a list", "text", ...), so that the storyboard and the
// batch manifest describe a value of the wrong shape alike.
func Kind(n ast.Node) string {
	switch n.(type) {
	case nil, *ast.NullNode:
		return "nothing"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.StringNode, *ast.LiteralNode:
		return "text"
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "a number"
	case *ast.BoolNode:
		return "true/false"
	case *ast.AliasNode:
		return "an alias"
	}
	return "a " + n.Type().String()
}
