package parser

import (
	"github.com/iomparse/iomparse/model/vocab"
)

// Field keys: the record field a label fills.
const (
	keyStartYear    = "start_year"
	keyEndYear      = "end_year"
	keyStatus       = "status"
	keyProjectType  = "project_type"
	keyBudget       = "budget"
	keyCoverage     = "coverage"
	keyYear         = "year"
	keyIDFRegion    = "idf_region"
	keyPrimaID      = "prima_id"
	keyProjectID    = "project_id"
	keyMemberStates = "member_states"
)

// labels maps every label seen on project pages, per language, to its field
// key. Labels that iom.int keeps in English on French and Spanish pages have
// no language, so they cast no vote when the page's language is decided.
var labels = vocab.NewVocabulary(labelTerms)

// labelTerms are the terms of labels.
var labelTerms = []vocab.Term{
	{Code: keyStartYear, Names: []vocab.Name{{Lang: "en", Text: "Start Date"}, {Lang: "fr", Text: "Date de début"}, {Lang: "es", Text: "Fecha de inicio"}, {Lang: "en", Text: "Start Year"}}},
	{Code: keyEndYear, Names: []vocab.Name{{Lang: "en", Text: "End Date"}, {Lang: "fr", Text: "Date de fin"}, {Lang: "es", Text: "Fecha de finalización"}, {Lang: "es", Text: "Fecha de término"}, {Lang: "en", Text: "End Year"}}},
	{Code: keyStatus, Names: []vocab.Name{{Lang: "en", Text: "Project Status"}, {Lang: "fr", Text: "Statut du projet"}, {Lang: "es", Text: "Estado del proyecto"}, {Lang: "en", Text: "Status"}}},
	{Code: keyProjectType, Names: []vocab.Name{{Lang: "en", Text: "Project Type"}, {Lang: "fr", Text: "Type de projet"}, {Lang: "es", Text: "Tipo de proyecto"}}},
	{Code: keyBudget, Names: []vocab.Name{{Text: "Budget Amount (USD)"}, {Lang: "en", Text: "Budget Amount"}, {Lang: "en", Text: "Budget"}, {Lang: "fr", Text: "Montant du budget (USD)"}, {Lang: "es", Text: "Monto del presupuesto (USD)"}, {Lang: "es", Text: "Presupuesto (USD)"}}},
	{Code: keyCoverage, Names: []vocab.Name{{Lang: "en", Text: "Coverage"}, {Lang: "fr", Text: "Couverture"}, {Lang: "es", Text: "Cobertura geográfica"}, {Lang: "es", Text: "Cobertura"}, {Lang: "fr", Text: "Couverture géographique"}}},
	{Code: keyYear, Names: []vocab.Name{{Lang: "en", Text: "Year"}, {Lang: "fr", Text: "Année"}, {Lang: "es", Text: "Año"}}},
	{Code: keyIDFRegion, Names: []vocab.Name{{Text: "IDF Region"}, {Lang: "fr", Text: "Région du FDI"}, {Lang: "fr", Text: "Région IDF"}, {Lang: "es", Text: "Región del FDI"}, {Lang: "es", Text: "Región IDF"}}},
	{Code: keyPrimaID, Names: []vocab.Name{{Text: "Prima ID"}, {Text: "PRIMA ID"}}},
	{Code: keyProjectID, Names: []vocab.Name{{Lang: "en", Text: "Projects ID"}, {Lang: "en", Text: "Project ID"}, {Lang: "fr", Text: "Projet ID"}, {Lang: "fr", Text: "ID du projet"}, {Lang: "es", Text: "Proyecto ID"}, {Lang: "es", Text: "ID del proyecto"}}},
	{Code: keyMemberStates, Names: []vocab.Name{
		{Lang: "en", Text: "Benefiting Member States"}, {Lang: "en", Text: "Benefiting Member State"}, {Lang: "en", Text: "Benefitting Member States"},
		{Lang: "fr", Text: "Etat(s) membre(s) beneficiaires remplissant les conditions requises"}, {Lang: "fr", Text: "États membres bénéficiaires"},
		{Lang: "es", Text: "Estados Miembros Beneficiarios que Reúnen los Requisitos"}, {Lang: "es", Text: "Estados Miembros Beneficiarios"},
	}},
}

// maxLabelBytes is a length no label exceeds: labels.Lookup refuses a text
// longer than twice its longest name and 16 bytes (room for spacing and
// punctuation, vocab.NewVocabulary), which TestMaxLabelBytes holds it to.
// The HTML stage is told it, so that it does not build a term's long text
// to learn that it is no label.
var maxLabelBytes = func() int {
	longest := 0
	for _, t := range labelTerms {
		for _, n := range t.Names {
			longest = max(longest, len(n.Text))
		}
	}
	return 2*longest + 16
}()
