import type { Rule } from '../engine/types';
import { awsProviderCategories, CATEGORIES, OWNERS } from '../model/providers';
import { typeIdField } from './structure';
import { actions } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-T01',
    title: 'Unknown action type',
    severity: 'error',
    description: 'ActionTypeId must name a valid category and owner, and a provider that exists in that category.',
    messages: {
      category: "'{value}' is not an action category; valid categories: " + [...CATEGORIES].join(', ') + '.',
      owner: "'{value}' is not an action owner; valid owners: " + [...OWNERS].join(', ') + '.',
      wrongCategory: "Provider {provider} is not offered in category {category}; it exists in: {categories}.",
      unknownProvider: "'{provider}' is not among the providers owned by AWS that this linter knows; check its spelling (provider names are case-sensitive).",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const [action] of actions(model)) {
      const { category, owner, provider } = action;
      const categoryField = typeIdField(model, action, 'Category');
      const ownerField = typeIdField(model, action, 'Owner');
      const providerField = typeIdField(model, action, 'Provider');
      if (category !== undefined && categoryField && !CATEGORIES.has(category)) {
        context.report({ messageId: 'category', data: { value: category }, target: { field: categoryField } });
      }
      if (owner !== undefined && ownerField && !OWNERS.has(owner)) {
        context.report({ messageId: 'owner', data: { value: owner }, target: { field: ownerField } });
      }
      // ThirdParty and Custom providers are registered per account: only AWS's own are known.
      if (owner !== 'AWS' || provider === undefined || !providerField || category === undefined || !CATEGORIES.has(category)) continue;
      const categories = awsProviderCategories(provider);
      if (!categories) {
        context.report({ messageId: 'unknownProvider', severity: 'warning', data: { provider }, target: { field: providerField } });
      } else if (!categories.has(category)) {
        context.report({ messageId: 'wrongCategory', data: { provider, category, categories: [...categories].join(', ') }, target: { field: providerField } });
      }
    }
  },
};
