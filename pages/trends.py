import streamlit as st
st.title('trends')
st.info('Deze pagina wordt nog gebouwd.')
